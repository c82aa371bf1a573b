/**
 * Home: the user's flows with their last run and schedule, the templates gallery, import, and —
 * until the apps are connected — the way into the set-up wizard.
 */
import { FileUp, Plus, Sparkles } from 'lucide-react';
import { useRef, useState } from 'react';
import { useConnectionStore } from '../state/useConnectionStore';
import { useFlowListStore } from '../state/useFlowListStore';
import { navigate } from '../state/useRouteStore';
import { createBlankFlow } from './createFlow';
import { FlowList } from './FlowList';
import { ImportFlowDialog } from './ImportFlowDialog';
import { TemplateGallery } from './TemplateGallery';

export function HomeScreen() {
  const connections = useConnectionStore((s) => s.list);
  const connectionsLoaded = useConnectionStore((s) => s.loaded);
  const flows = useFlowListStore((s) => s.flows);
  const fileInput = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState<{ text: string; fileName: string } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setImporting({ text: await file.text(), fileName: file.name });
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <main className="page" aria-labelledby="home-title">
      <div className="page-inner">
        <header className="page-header">
          <div className="titles">
            <h1 id="home-title">Flows</h1>
            <p className="muted">Everything Sincro keeps in sync for you, and how each run went.</p>
          </div>
          <div className="row wrap">
            <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
              <FileUp size={16} aria-hidden />
              Import flow
            </button>
            <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Flow file to import" onChange={(e) => void onFile(e.target.files?.[0])} />
            <button type="button" className="btn btn-primary" onClick={() => void createBlankFlow()}>
              <Plus size={16} aria-hidden />
              New flow
            </button>
          </div>
        </header>

        {connectionsLoaded && connections.length === 0 ? (
          <section className="setup-banner card" aria-labelledby="setup-title">
            <Sparkles size={28} aria-hidden className="setup-icon" />
            <div className="stack" style={{ gap: 4, flex: 1 }}>
              <h2 id="setup-title">Connect MplusKASSA and Teamleader</h2>
              <p className="muted">
                A few questions and Sincro sets up your orders, customers and products flows. No account at hand? Try everything with demo data first — nothing real is touched.
              </p>
            </div>
            <button type="button" className="btn btn-primary btn-lg" onClick={() => navigate({ name: 'wizard' })}>
              Get started
            </button>
          </section>
        ) : null}

        <section className="section" aria-labelledby="flows-title">
          <div className="section-header">
            <h2 id="flows-title">Your flows</h2>
            <span className="muted small">{flows.length ? `${flows.length}` : ''}</span>
          </div>
          <FlowList />
        </section>

        <section className="section" aria-labelledby="templates-title">
          <div className="section-header">
            <h2 id="templates-title">Start from a template</h2>
          </div>
          <TemplateGallery />
        </section>
      </div>
      {importing ? <ImportFlowDialog text={importing.text} fileName={importing.fileName} onClose={() => setImporting(null)} /> : null}
    </main>
  );
}
