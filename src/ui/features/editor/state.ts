import { create } from 'zustand';
import type { CommandOutcome } from '../../../worker/protocol';
import { runCommand } from '../../state/sandbox';
import { useUi } from '../../state/ui';
import type { LiveTarget } from './live';

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
  /** The live object being edited: Save replaces it (undefined: the text is a manifest to apply). */
  editing?: LiveTarget;
  /** The last save lost to a newer version of the object. */
  conflict?: boolean;
  /** Open a live object for editing (read fresh from the cluster). */
  edit(target: LiveTarget): Promise<void>;
  stopEditing(): void;
  setConflict(conflict: boolean): void;
  /** `kubectl edit` in the terminal is waiting for this text: Save hands it back, Cancel gives nothing. */
  external?: { fileName: string; resolve(text: string | undefined): void };
  /** Open text for `kubectl edit`; resolves with the saved text, or undefined when cancelled. */
  editFor(text: string, fileName: string): Promise<string | undefined>;
  finishExternal(text?: string): void;
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
    // Opened as a manifest: whatever live object was being edited is no longer.
    set({ editing: undefined, conflict: false });
    get().external?.resolve(undefined);
    set({ external: undefined });
    get().replace(text);
    useUi.getState().set({ editorOpen: true });
  },
  setOutput: (output) => set({ output }),
  edit: async (target) => {
    // The YAML library comes with the editor's chunk, not the page's first load.
    const { editableYaml, liveGetCommand } = await import('./live');
    const command = liveGetCommand(target);
    const out = await runCommand(command);
    if (out.exitCode !== 0) {
      get().setOutput({ ...out, command });
      useUi.getState().set({ editorOpen: true });
      return;
    }
    get().open(editableYaml(out.stdout));
    set({ editing: target, conflict: false, output: undefined });
  },
  stopEditing: () => set({ editing: undefined, conflict: false }),
  editFor: (text, fileName) =>
    new Promise((resolve) => {
      // A second `kubectl edit` round (after an error) replaces the first.
      get().external?.resolve(undefined);
      get().open(text);
      set({ external: { fileName, resolve }, output: undefined });
    }),
  finishExternal: (text) => {
    const external = get().external;
    set({ external: undefined });
    external?.resolve(text);
  },
  setConflict: (conflict) => set({ conflict }),
}));
