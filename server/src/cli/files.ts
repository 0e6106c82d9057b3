// The CLI's file system side lives in server/src/host (shared with the language server); these
// names stay here for the CLI's modules.
export {
  CONFIG_FILE_NAMES,
  findConfigFile,
  findYamlFiles,
  loadFiles,
  relativePath,
  workspaceOf,
  type FoundFile,
} from '../host/files';
