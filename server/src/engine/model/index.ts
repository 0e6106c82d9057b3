// The contract model: one typed reading of each parsed document (see read.ts and types.ts).
export { declaredContractId, documentModel, hasNoValue, modelsBuilt } from './read';
export * from './types';
