// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonSchema } from '../lib/schema';
import { SchemaForm } from './SchemaForm';

afterEach(cleanup);

const schema: JsonSchema = {
  type: 'object',
  properties: {
    path: { type: 'string', label: 'File', placeholder: 'orders.csv', help: 'Relative to the flow.' },
    format: { type: 'string', enum: ['json', 'csv'], label: 'Format' },
    delimiter: { type: 'string', label: 'Delimiter', showWhen: { format: ['csv'] } },
    retries: { type: 'integer', label: 'Retries', default: 5 },
    append: { type: 'boolean', label: 'Append', default: false },
    table: { type: 'array', widget: 'value-table', label: 'Table', items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } }, required: ['from', 'to'] } },
  },
  required: ['path', 'format'],
};

describe('a form generated from a config schema', () => {
  it('draws each field with its label and help, and hides fields that do not apply', () => {
    render(<SchemaForm schema={schema} value={{ path: 'a.json', format: 'json' }} onChange={() => undefined} path="config" ctx={{ problems: [] }} />);
    expect((screen.getByLabelText(/File/) as HTMLInputElement).value).toBe('a.json');
    expect(screen.getByText('Relative to the flow.')).toBeTruthy();
    expect(screen.queryByLabelText('Delimiter')).toBeNull();
    expect(screen.getByRole('switch', { name: 'Append' })).toBeTruthy();
    expect((screen.getByLabelText('Retries') as HTMLInputElement).placeholder).toBe('Default: 5');
  });

  it('shows a field once its showWhen condition holds', () => {
    render(<SchemaForm schema={schema} value={{ path: 'a.csv', format: 'csv' }} onChange={() => undefined} path="config" ctx={{ problems: [] }} />);
    expect(screen.getByLabelText('Delimiter')).toBeTruthy();
  });

  it('reports edits as a new config, numbers as numbers and emptied optional fields as absent', () => {
    const onChange = vi.fn();
    render(<SchemaForm schema={schema} value={{ path: 'a.json', format: 'json', retries: 3 }} onChange={onChange} path="config" ctx={{ problems: [] }} />);
    fireEvent.change(screen.getByLabelText('Retries'), { target: { value: '7' } });
    expect(onChange).toHaveBeenLastCalledWith({ path: 'a.json', format: 'json', retries: 7 });
    fireEvent.change(screen.getByLabelText('Retries'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ path: 'a.json', format: 'json' });
  });

  it('edits rows of a value table', () => {
    const onChange = vi.fn();
    render(<SchemaForm schema={schema} value={{ path: 'a', format: 'json', table: [{ from: 'ideal', to: 'IDEAL' }] }} onChange={onChange} path="config" ctx={{ problems: [] }} />);
    fireEvent.change(screen.getByLabelText('To, row 1'), { target: { value: 'iDEAL' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ table: [{ from: 'ideal', to: 'iDEAL' }] }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a value' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ table: [{ from: 'ideal', to: 'IDEAL' }, {}] }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ table: [] }));
  });

  it('pins a problem to its field, in words', () => {
    render(<SchemaForm schema={schema} value={{ path: '', format: 'json' }} onChange={() => undefined} path="config" ctx={{ problems: [{ node: 'n', path: 'config.path', message: 'Node "n" (Read file): path must not be empty.' }] }} />);
    const input = screen.getByLabelText(/File/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('This must not be empty.');
  });
});
