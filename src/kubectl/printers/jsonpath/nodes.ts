/** The syntax tree of a JSONPath template (client-go util/jsonpath node types). */

export interface ArrayParam {
  value: number;
  known: boolean;
  /** The end of `[i]`, derived as i+1 rather than written. */
  derived: boolean;
}

export interface ListNode {
  type: 'list';
  nodes: Node[];
}

export type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'array'; params: [ArrayParam, ArrayParam, ArrayParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] }
  | { type: 'identifier'; name: string };

export const newList = (): ListNode => ({ type: 'list', nodes: [] });

/** A JSONPath syntax or evaluation error, with client-go's message. */
export class JsonPathError extends Error {
  override name = 'JsonPathError';
}
