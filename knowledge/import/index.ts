export { importFile, mapFile, type ImportOptions } from './importFile';
export { IMPORT_FORMATS, ImportParseError, ImportStoreError, isImportFormat, type ImportFormat, type ImportResult, type Rejection } from './types';
export { mergeRecords, readStore, saveToStore, storeFile, writeFileAtomic } from './store';
export { importedId } from './common';
export { parseLheo, parseLheoDate, readLheo, LANGUAGE_FORMACODES, LITERACY_FORMACODES, PUBLIC_CODES } from './lheo';
export { parseRefugiesInfo, readRefugiesInfo, refugiesInfoUrl, RI_THEME_IDS, RI_NEED_IDS, RI_PUBLIC_STATUS, RI_FRENCH_LEVEL } from './refugies-info';
export { parseDataInclusion, readDataInclusion, themesOfThematique } from './data-inclusion';
