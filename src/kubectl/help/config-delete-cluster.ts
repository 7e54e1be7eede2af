// What `kubectl config delete cluster --help` prints in kubectl v1.32 (captured from the real binary).
export const help = `Delete the specified cluster from the kubeconfig.

Examples:
  # Delete the minikube cluster
  kubectl config delete-cluster minikube

Usage:
  kubectl config delete-cluster NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
