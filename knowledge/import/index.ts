export { dateInFileName, importFile, mapFile, type ImportOptions } from './importFile';
export {
  IMPORT_FORMATS,
  KB_FORMATS,
  OFFICE_FORMATS,
  ImportParseError,
  ImportStoreError,
  isImportFormat,
  isKbFormat,
  type ImportFormat,
  type KbFormat,
  type ImportResult,
  type Rejection,
} from './types';
export { mergeRecords, readStore, saveToStore, storeFile, writeFileAtomic } from './store';
export { importedId } from './common';
export { parseLheo, parseLheoDate, readLheo, LANGUAGE_FORMACODES, LITERACY_FORMACODES, PUBLIC_CODES } from './lheo';
export { parseRefugiesInfo, readRefugiesInfo, refugiesInfoUrl, RI_THEME_IDS, RI_NEED_IDS, RI_PUBLIC_STATUS, RI_FRENCH_LEVEL } from './refugies-info';
export { parseDataInclusion, readDataInclusion, themesOfThematique } from './data-inclusion';
export { FRANCE_SERVICES_DATASET_URL, parseCsv, parseDayHours, parseFranceServices, readFranceServices } from './france-services';
export { DILA_DATASET_URL, DILA_TYPES, parseDilaAnnuaire, readDilaAnnuaire } from './dila-annuaire';
export { OFFICE_THEMES, hoursText, officeSummary } from './offices';
