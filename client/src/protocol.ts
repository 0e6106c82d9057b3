// Pactline's custom LSP messages, as the client uses them: the server's typed protocol
// (types and message signatures only; importing it pulls in no server code).
export {
  LintWorkspaceRequest,
  SKELETON_CHOICES,
  SkeletonRequest,
  StatusNotification,
  StatusRequest,
  type SkeletonParams,
  type SkeletonResult,
  type FindingCounts,
  type PactlineInitializationOptions,
  type PactlineSettings,
  type PactlineStatus,
  type StatusChangedParams,
  type StatusParams,
} from '../../protocol/pactline';
