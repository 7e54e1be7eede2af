// What `kubectl config current context --help` prints in kubectl v1.32 (captured from the real binary).
export const help = `Display the current-context.

Examples:
  # Display the current-context
  kubectl config current-context

Usage:
  kubectl config current-context [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
