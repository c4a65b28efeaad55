export { desktopVault, type SafeStorage, type Vault } from './desktopVault'
export { keySecretName, KeyVault, type KeyCheck, type KeyChecks, type KeyVaultOptions } from './keyVault'
export { redact, redactingLogger, redactionMark, redactValue } from './redact'
export { aesGcmCipher, cipherChain, KEY_FILE_NAME, keyFileCipher, SecretStore, type SecretCipher } from './secretStore'
