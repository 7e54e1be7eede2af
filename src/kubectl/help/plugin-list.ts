// What `kubectl plugin list --help` prints in kubectl v1.32 (captured from the real binary).
export const help = `List all available plugin files on a user's PATH. To see plugins binary names without the full path use --name-only flag.

 Available plugin files are those that are: - executable - anywhere on the user's PATH - begin with "kubectl-"

Examples:
  # List all available plugins
  kubectl plugin list
  
  # List only binary names of available plugins without paths
  kubectl plugin list --name-only

Options:
    --name-only=false:
	If true, display only the binary name of each plugin, rather than its full path

Usage:
  kubectl plugin list [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
