/** Core's storage is the shared one (@plh/storage), configured by the shared settings. */
export { storageFromConfig } from '@plh/storage';
