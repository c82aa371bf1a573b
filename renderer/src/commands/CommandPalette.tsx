/** Ctrl/Cmd-K: every registered command, the screens, and the flows — searchable, keys shown. */
import { Command } from 'cmdk';
import { Workflow } from 'lucide-react';
import { useMemo } from 'react';
import { useFlowListStore } from '../state/useFlowListStore';
import { navigate } from '../state/useRouteStore';
import { formatKeys, useCommandStore } from './registry';

export function CommandPalette() {
  const open = useCommandStore((s) => s.paletteOpen);
  const setOpen = useCommandStore((s) => s.setPaletteOpen);
  const commands = useCommandStore((s) => s.commands);
  const flows = useFlowListStore((s) => s.flows);

  const groups = useMemo(() => {
    const map = new Map<string, Array<(typeof commands)[string]>>();
    for (const c of Object.values(commands)) {
      if (c.hidden || (c.enabled && !c.enabled())) continue;
      map.set(c.group, [...(map.get(c.group) ?? []), c]);
    }
    return [...map.entries()];
  }, [commands, open]);

  const runAndClose = (fn: () => void) => {
    setOpen(false);
    // Let the dialog close (and give focus back) before the command moves it.
    requestAnimationFrame(fn);
  };

  return (
    <Command.Dialog open={open} onOpenChange={setOpen} label="Command palette" overlayClassName="cmdk-overlay">
      <Command.Input placeholder="Type a command or a flow name…" aria-label="Search commands" />
      <Command.List>
        <Command.Empty>Nothing matches.</Command.Empty>
        {groups.map(([group, list]) => (
          <Command.Group key={group} heading={group}>
            {list.map((c) => (
              <Command.Item key={c.id} value={`${c.group} ${c.title}`} keywords={c.keywords} onSelect={() => runAndClose(c.run)}>
                <span>{c.title}</span>
                {c.keys?.[0] ? <span className="kbd">{formatKeys(c.keys[0])}</span> : null}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
        {flows.length ? (
          <Command.Group heading="Open a flow">
            {flows.map((f) => (
              <Command.Item key={f.id} value={`open flow ${f.name} ${f.id}`} onSelect={() => runAndClose(() => navigate({ name: 'editor', flowId: f.id }))}>
                <Workflow size={14} aria-hidden />
                <span>{f.name}</span>
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
      </Command.List>
    </Command.Dialog>
  );
}
