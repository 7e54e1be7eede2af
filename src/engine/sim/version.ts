/** The Kubernetes release the sandbox behaves as. */
export const KUBERNETES_VERSION = 'v1.32.2';
export const KUBERNETES_MINOR = '32';
