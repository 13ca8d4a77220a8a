/**
 * A modal the bot opened (Discord's MODAL callback data) as a native dialog: each text input with
 * its label, placeholder and a live "used / max" count. The server checks the lengths and answers
 * with the sentence Discord's client shows, which stays in the dialog until the text is fixed.
 */
import { el } from "./messages.js";

const TEXT_INPUT = 4;
const LABEL = 18;

/** Text inputs in action rows (type 1) or in the newer labels (type 18). */
function textInputs(modal) {
  return (modal.components ?? []).flatMap((row) => {
    if (row.type === LABEL && row.component?.type === TEXT_INPUT)
      return [{ ...row.component, label: row.label, description: row.description }];
    return (row.components ?? []).filter((c) => c.type === TEXT_INPUT);
  });
}

/**
 * @param {{ dialog: HTMLDialogElement, form: HTMLFormElement, title: HTMLElement,
 *   fields: HTMLElement, error: HTMLElement, cancel: HTMLElement }} dom
 */
export function setUpModal(dom) {
  let submit = null;
  dom.cancel.addEventListener("click", () => dom.dialog.close());
  dom.form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit) void submit();
  });

  /**
   * @param {object} modal the MODAL callback data
   * @param {(customId: string, fields: Record<string, string>) => Promise<{error?: string}>} send
   */
  return function open(modal, send) {
    dom.title.textContent = modal.title ?? "";
    dom.error.textContent = "";
    const inputs = textInputs(modal).map((input, index) => {
      const id = `modal-input-${index}`;
      const field = el("div", { class: "modal-field" });
      const label = el("label", { for: id, text: input.label ?? input.custom_id });
      if (input.required !== false)
        label.append(el("span", { class: "required", text: " *", "aria-hidden": "true" }));
      const box =
        input.style === 2 ? el("textarea", { id, rows: "5" }) : el("input", { id, type: "text" });
      if (input.placeholder) box.placeholder = input.placeholder;
      box.value = input.value ?? "";
      box.required = input.required !== false;
      const count = el("span", { class: "count", "aria-live": "polite" });
      const max = input.max_length ?? 4000;
      const update = () => {
        const used = [...box.value].length;
        count.textContent = `${used}/${max}`;
        count.classList.toggle("over", used > max);
        box.setAttribute("aria-invalid", String(used > max));
      };
      box.setAttribute("aria-describedby", `${id}-count`);
      count.id = `${id}-count`;
      box.addEventListener("input", update);
      update();
      field.append(label);
      if (input.description) field.append(el("p", { class: "hint", text: input.description }));
      field.append(box, count);
      return { field, box, customId: input.custom_id };
    });
    dom.fields.replaceChildren(...inputs.map((i) => i.field));
    submit = async () => {
      const fields = Object.fromEntries(inputs.map((i) => [i.customId, i.box.value]));
      const answer = await send(modal.custom_id, fields);
      if (answer.error) dom.error.textContent = answer.error;
      else dom.dialog.close();
    };
    if (!dom.dialog.open) dom.dialog.showModal();
    inputs[0]?.box.focus();
  };
}
