// @vitest-environment happy-dom
/**
 * Issue 11 §7: repeated failures of a scheduled flow are one toast that counts them, not a stack of
 * toasts; a closed toast is not brought back by the next failure (the inbox counts it).
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Toaster } from 'sonner';
import { afterEach, describe, expect, it } from 'vitest';
import { showCountedNotice, showNotice } from './noticeToasts';

afterEach(cleanup);

const failed = { level: 'error' as const, message: 'Open the run to see each failed record.', flowId: 'orders' };
const toasts = () => document.querySelectorAll('[data-sonner-toast]');

describe('notice toasts', () => {
  it('a flow that keeps failing has one toast, updated with the count', async () => {
    render(<Toaster />);
    act(() => showNotice({ type: 'notice', ...failed, title: 'Orders: 1 record failed', noticeId: 7, runId: 'r1' }));
    await screen.findByText('Orders: 1 record failed');
    act(() => showCountedNotice({ type: 'notice.counted', ...failed, title: 'Orders: records keep failing (2 runs in a row)', noticeId: 7, count: 2, runId: 'r2' }));
    act(() => showCountedNotice({ type: 'notice.counted', ...failed, title: 'Orders: records keep failing (3 runs in a row)', noticeId: 7, count: 3, runId: 'r3' }));
    await screen.findByText('Orders: records keep failing (3 runs in a row)');
    expect(toasts()).toHaveLength(1);
    // Another flow has a toast of its own.
    act(() => showNotice({ type: 'notice', ...failed, flowId: 'customers', title: 'Customers failed', noticeId: 8 }));
    await screen.findByText('Customers failed');
    expect(toasts()).toHaveLength(2);
  });

  it('a closed toast stays closed while its notice counts on; a new notice of the flow shows again', async () => {
    render(<Toaster closeButton />);
    act(() => showNotice({ type: 'notice', ...failed, flowId: 'invoices', title: 'Invoices failed', noticeId: 9 }));
    await screen.findByText('Invoices failed');
    const toast = screen.getByText('Invoices failed').closest('[data-sonner-toast]') as HTMLElement;
    fireEvent.click(within(toast).getByRole('button', { name: /close/i }));
    await waitFor(() => expect(screen.queryByText('Invoices failed')).toBeNull());
    act(() => showCountedNotice({ type: 'notice.counted', ...failed, flowId: 'invoices', title: 'Invoices keeps failing (2 runs in a row)', noticeId: 9, count: 2 }));
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByText('Invoices keeps failing (2 runs in a row)')).toBeNull();
    act(() => showNotice({ type: 'notice', level: 'info', message: 'The run succeeded.', flowId: 'invoices', title: 'Invoices works again', noticeId: 10 }));
    await screen.findByText('Invoices works again');
  });
});
