// pactline/skeleton: the text of a new file of a kind (the engine's), with the id from the file's
// name and, for a pipeline, an input from the contracts of its folder; the choices checked here.
import type { SkeletonParams, SkeletonResult } from '../../../protocol/pactline';
import {
  idFromFileName,
  skeleton,
  SKELETON_SERVER_TYPES,
  SKELETON_VERSIONS,
  type SkeletonKind,
  type SkeletonServerType,
} from '../engine/features/skeletons';
import { fsPathOf } from './paths';
import type { PactlineServer } from './server';

/** The skeleton of a new file: the id from its name, a pipeline's input from its folder's contracts. */
export function skeletonFor(server: PactlineServer, params: SkeletonParams): SkeletonResult {
  const kinds = Object.keys(SKELETON_VERSIONS) as SkeletonKind[];
  if (!kinds.includes(params.kind))
    return { error: `no skeleton for "${String(params.kind)}"; one of ${kinds.join(', ')}` };
  if (params.version !== undefined && !SKELETON_VERSIONS[params.kind].includes(params.version)) {
    return {
      error: `no ${params.kind} skeleton for version "${params.version}"; one of ${SKELETON_VERSIONS[params.kind].join(', ')}`,
    };
  }
  const serverType = params.serverType as SkeletonServerType | undefined;
  if (serverType !== undefined && !SKELETON_SERVER_TYPES.includes(serverType)) {
    return { error: `no server type "${params.serverType}"; one of ${SKELETON_SERVER_TYPES.join(', ')}` };
  }
  const fsPath = fsPathOf(params.uri);
  const folder = fsPath !== undefined ? server.folderOf(fsPath) : undefined;
  const s = skeleton({
    kind: params.kind,
    version: params.version,
    serverType,
    id: idFromFileName(fsPath ?? params.uri),
    inputContract: folder?.service.index.contractIds()[0],
  });
  return { snippet: s.snippet, label: s.label };
}
