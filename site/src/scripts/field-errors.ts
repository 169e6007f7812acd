/**
 * A form's messages next to its fields: each slot says which field it speaks for
 * (`data-error-for`, the field's name in the API's body), and the field's controls carry
 * aria-invalid while it shows one.
 */
export function fieldErrors(form: HTMLFormElement) {
  const slot = (field: string) => form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(field)}"]`);
  const controlsOf = (field: string) => [
    ...form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(field)}"]`),
  ];
  const slots = () => [...form.querySelectorAll<HTMLElement>('[data-error-for]')];

  function show(field: string, message: string): void {
    const found = slot(field);
    if (found) found.textContent = message;
    for (const control of controlsOf(field)) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  return {
    slot,
    controlsOf,
    show,
    clear: () => {
      for (const each of slots()) show(each.dataset.errorFor ?? '', '');
    },
    /** The first field showing a message, in the order the form shows them; '' for none. */
    firstInError: () => slots().find((each) => each.textContent)?.dataset.errorFor ?? '',
  };
}
