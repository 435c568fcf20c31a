/** The offline store's public API: saved items, action plans, feedback, the feed cache and storage errors. */
export { openStore, defaultStore, savedKey, KanswijzerStore, DEFAULT_CHANNEL_NAME } from './store.ts';
export { idbFeedCache } from './feed-cache.ts';
export type { IdbFeedCache } from './feed-cache.ts';
export { StoreError, STORE_ERROR_MESSAGES, isQuotaError, toStoreError } from './errors.ts';
export type { StoreErrorReason, StoreMessage } from './errors.ts';
export { DB_VERSION, DEFAULT_DB_NAME } from './schema.ts';
export { EXPORT_FORMAT, EXPORT_VERSION } from './transfer.ts';
export { DEFAULT_MAX_FILE_BYTES, DEFAULT_FILE_TIMEOUT_MS } from './file-fetch.ts';
export type {
  ActionPlan,
  ActionPlanInput,
  ExportedItem,
  ExportOptions,
  Feedback,
  FileProblem,
  FileProblemReason,
  ImportProblem,
  ImportResult,
  PlanEntry,
  PlanStep,
  SavedExport,
  SavedFileInfo,
  SavedItem,
  SaveOptions,
  StoreChange,
  StoreChangeType,
  StoreNotice,
  StoreOptions,
} from './types.ts';
