import { create } from 'zustand';
import type { CommandOutcome } from '../../../worker/protocol';
import { useUi } from '../../state/ui';

const DRAFT_KEY = 'kube-sandbox.editor';

function loadDraft(): string {
  try {
    return localStorage.getItem(DRAFT_KEY) ?? '';
  } catch {
    return '';
  }
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;

interface EditorState {
  text: string;
  /** Bumped when the text is replaced from outside (a template, "open in editor"), so the editor reloads it. */
  revision: number;
  output?: CommandOutcome & { command: string };
  setText(text: string): void;
  replace(text: string): void;
  open(text: string): void;
  setOutput(output?: CommandOutcome & { command: string }): void;
}

/** The manifest being edited, kept as a draft across reloads. */
export const useEditorText = create<EditorState>((set, get) => ({
  text: loadDraft(),
  revision: 0,
  setText: (text) => {
    set({ text });
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      try {
        localStorage.setItem(DRAFT_KEY, text);
      } catch {
        // A draft that cannot be kept is still in the editor.
      }
    }, 300);
  },
  replace: (text) => {
    get().setText(text);
    set((s) => ({ revision: s.revision + 1 }));
  },
  open: (text) => {
    get().replace(text);
    useUi.getState().set({ editorOpen: true });
  },
  setOutput: (output) => set({ output }),
}));
