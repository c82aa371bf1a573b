/** Ready-made flows to start from, plus a blank flow. */
import { ArrowRight, FilePlus2, LayoutTemplate } from 'lucide-react';
import { useState } from 'react';
import type { TemplateInfo } from '../../../core/api/contract';
import { useCatalogStore } from '../state/useCatalogStore';
import { AppBadge } from '../ui/NodeVisuals';
import { createBlankFlow } from './createFlow';
import { CreateFromTemplateDialog } from './CreateFromTemplateDialog';

export function TemplateGallery() {
  const templates = useCatalogStore((s) => s.templates);
  const [chosen, setChosen] = useState<TemplateInfo | null>(null);
  return (
    <div className="grid-cards">
      {templates.map((t) => (
        <article key={t.id} className="card template-card">
          <div className="row">
            <LayoutTemplate size={18} aria-hidden className="text-accent" />
            <div className="row" style={{ gap: 4 }} aria-label={`Connects ${t.apps.join(' and ')}`}>
              {t.apps.map((a, i) => (
                <span key={a} className="row" style={{ gap: 4 }}>
                  {i > 0 ? <ArrowRight size={12} aria-hidden /> : null}
                  <AppBadge app={a} />
                </span>
              ))}
            </div>
          </div>
          <h3>{t.name}</h3>
          <p className="muted small template-desc">{t.description}</p>
          <button type="button" className="btn" onClick={() => setChosen(t)} aria-label={`Use this template: ${t.name}`}>
            Use this template
          </button>
        </article>
      ))}
      <article className="card template-card blank">
        <FilePlus2 size={18} aria-hidden className="text-accent" />
        <h3>Blank flow</h3>
        <p className="muted small template-desc">Start from an empty canvas and add the steps yourself.</p>
        <button type="button" className="btn" onClick={() => void createBlankFlow()}>
          Start blank
        </button>
      </article>
      {chosen ? <CreateFromTemplateDialog template={chosen} onClose={() => setChosen(null)} /> : null}
    </div>
  );
}
