/**
 * The syntax tree of the POSIX `sh` subset containers run (`sh -c '…'`): simple commands,
 * pipelines, `&&`/`||`, lists, groups, if/while/until/for, redirections and expansions.
 * Trees are plain JSON so a parsed script can sit in a snapshot.
 */
export type Part =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'var'; name: string; q: boolean; op?: string; arg?: Word }
  | { t: 'cmd'; src: string; q: boolean }
  | { t: 'arith'; src: string; q: boolean };

export type Word = Part[];

export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export type Node =
  | { k: 'simple'; assigns: [string, Word][]; words: Word[]; redirs: Redir[] }
  | { k: 'pipe'; cmds: Node[]; neg: boolean }
  | { k: 'and' | 'or'; left: Node; right: Node }
  | { k: 'list'; items: { node: Node; bg: boolean }[] }
  | { k: 'group'; body: Node; redirs: Redir[]; subshell: boolean }
  | {
      k: 'if';
      branches: { cond: Node; body: Node }[];
      otherwise?: Node;
      redirs: Redir[];
    }
  | { k: 'while'; cond: Node; body: Node; until: boolean; redirs: Redir[] }
  | {
      k: 'for';
      name: string;
      words: Word[] | null;
      body: Node;
      redirs: Redir[];
    }
  | {
      k: 'case';
      word: Word;
      arms: { patterns: Word[]; body: Node | null }[];
      redirs: Redir[];
    };

export class ShellSyntaxError extends Error {}
