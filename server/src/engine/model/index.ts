// The contract model: one typed reading of each parsed document (see read.ts and types.ts).
export { declaredContractId, detachModel, documentModel, hasNoValue, modelsBuilt } from './read';
export * from './types';
