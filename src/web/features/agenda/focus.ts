/**
 * Focus an element that a re-render is about to show (or keep), e.g. after a save or when a dialog
 * closes. Waits while a modal dialog is still open, because everything outside it is inert until
 * then and a focus() call would be lost; falls back to another element when the first is gone or
 * disabled.
 */
export function focusSoon(id: string, fallbackId?: string, frames = 10) {
  requestAnimationFrame(() => {
    const el = document.getElementById(id) as HTMLButtonElement | null;
    if ((document.querySelector('dialog[open]') || !el) && frames > 0) return focusSoon(id, fallbackId, frames - 1);
    if (el && !el.disabled) el.focus();
    else if (fallbackId) document.getElementById(fallbackId)?.focus();
  });
}
