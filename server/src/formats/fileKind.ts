/** The kinds of file Pactline understands. Declared here, with the formats, so that nothing in `formats/` imports upwards. */
export type FileKind = 'odcs' | 'dcs' | 'odps' | 'pipeline' | 'config';
