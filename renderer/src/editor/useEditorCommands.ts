/** The editor's commands and their shortcuts (they also appear in the command palette). */
import { useCommands } from '../commands/useCommands';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { useReadStateStore } from '../state/useReadStateStore';
import { isNoteId } from '../lib/notes';
import { addStickyNote, autoLayout, copySelection, cutSelection, deleteSelection, duplicateSelection, paste, selectAll, toggleSelectionOff } from './editorActions';
import { saveNow } from './flowPersistence';
import { startRun } from './runActions';

const steps = () => [...useEditorStore.getState().selectedNodes].filter((x) => !isNoteId(x)).length;
const oneStep = () => steps() === 1;
const hasSelection = () => {
  const s = useEditorStore.getState();
  return s.selectedNodes.size > 0 || s.selectedEdges.size > 0;
};

export function useEditorCommands(): void {
  useCommands(
    () => [
      { id: 'flow.save', title: 'Save now', group: 'Flow', keys: ['mod+s'], inFields: true, run: () => void saveNow() },
      { id: 'run.run', title: 'Run the flow', group: 'Run', keys: ['mod+enter'], run: () => void startRun(false) },
      { id: 'run.dry', title: 'Dry run (write nothing)', group: 'Run', keys: ['shift+mod+enter'], run: () => void startRun(true) },
      { id: 'run.lastRecords', title: 'Test on the last run’s records', group: 'Run', keywords: ['replay', 'again', 'dry run'], run: () => void startRun(true, { lastRunRecords: true }), enabled: () => !!useReadStateStore.getState().state?.lastRecords },
      { id: 'run.readAgain', title: 'Read everything again…', group: 'Run', keywords: ['reset', 'cursor', 'full sync'], run: () => useEditorStore.getState().setConfirmReadAgain(true) },
      { id: 'edit.undo', title: 'Undo', group: 'Edit', keys: ['mod+z'], run: () => useFlowStore.getState().undo(), enabled: () => useFlowStore.getState().past.length > 0 },
      { id: 'edit.redo', title: 'Redo', group: 'Edit', keys: ['shift+mod+z', 'mod+y'], run: () => useFlowStore.getState().redo(), enabled: () => useFlowStore.getState().future.length > 0 },
      { id: 'edit.copy', title: 'Copy selected steps', group: 'Edit', keys: ['mod+c'], run: copySelection, enabled: () => useEditorStore.getState().selectedNodes.size > 0 },
      { id: 'edit.cut', title: 'Cut selected steps', group: 'Edit', keys: ['mod+x'], run: cutSelection, enabled: () => useEditorStore.getState().selectedNodes.size > 0 },
      { id: 'edit.paste', title: 'Paste steps', group: 'Edit', keys: ['mod+v'], run: paste, enabled: () => !!useEditorStore.getState().clipboard },
      { id: 'edit.duplicate', title: 'Duplicate selected steps', group: 'Edit', keys: ['mod+d'], run: duplicateSelection, enabled: () => useEditorStore.getState().selectedNodes.size > 0 },
      { id: 'edit.delete', title: 'Delete selection', group: 'Edit', keys: ['delete', 'backspace'], run: deleteSelection, enabled: hasSelection },
      { id: 'edit.selectAll', title: 'Select all steps', group: 'Edit', keys: ['mod+a'], run: selectAll },
      { id: 'edit.deselect', title: 'Clear the selection', group: 'Edit', keys: ['escape'], run: () => useEditorStore.getState().clearSelection(), enabled: hasSelection, hidden: true },
      { id: 'edit.connectTo', title: 'Connect the selected step to…', group: 'Edit', keys: ['c'], keywords: ['wire', 'link', 'edge'], run: () => useEditorStore.getState().setConnectOpen(true), enabled: oneStep },
      { id: 'edit.toggleOff', title: 'Switch the selected steps off / on', group: 'Edit', keys: ['d'], keywords: ['disable', 'enable', 'deactivate', 'skip'], run: toggleSelectionOff, enabled: () => steps() > 0 },
      { id: 'edit.addNote', title: 'Add a sticky note', group: 'Edit', keys: ['n'], keywords: ['comment', 'note'], run: addStickyNote },
      { id: 'view.layout', title: 'Tidy up the layout', group: 'View', keys: ['shift+l'], keywords: ['auto layout', 'arrange'], run: autoLayout },
      { id: 'view.runPanel', title: 'Show / hide the run panel', group: 'View', keys: ['mod+j'], inFields: true, run: () => useEditorStore.getState().setRunPanel(!useEditorStore.getState().runPanelOpen) },
      { id: 'view.inspector', title: 'Show / hide the inspector', group: 'View', keys: ['mod+i'], run: () => useEditorStore.getState().setInspectorOpen(!useEditorStore.getState().inspectorOpen) },
      {
        id: 'view.findStep',
        title: 'Find a step to add',
        group: 'View',
        keys: ['/'],
        run: () => document.getElementById('palette-search')?.focus(),
      },
    ],
    [],
  );
}
