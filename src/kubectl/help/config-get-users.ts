// What `kubectl config get users --help` prints in kubectl v1.32 (captured from the real binary).
export const help = `Display users defined in the kubeconfig.

Examples:
  # List the users that kubectl knows about
  kubectl config get-users

Usage:
  kubectl config get-users [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
