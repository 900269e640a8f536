/** After a failed check, the first field marked invalid gets the focus (once React has marked it). */
export function focusFirstInvalid(form: Element) {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
