// The "victim found" form: big thumb-sized choices for what a rescuer knows at the rubble (alive or dead,
// the START colour, which worksite) and a description a family could recognise. No name field and no
// photo here: the least personal data that still lets a family find their person.
import { t } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';
import type { Condition, StartColour } from './victim.js';
import type { SiteSummary } from './worksites.js';

const CONDITIONS: readonly Condition[] = ['alive', 'dead'];
const COLOURS: readonly StartColour[] = ['red', 'yellow', 'green', 'black'];
const NEW_SITE = 'new';

export interface VictimChoice {
  condition: Condition;
  colour: StartColour;
  description: string;
  /** An existing worksite, or a new one to open first (with its address, maybe empty). */
  site: { existing: SiteSummary } | { open: { code: string; address: string } };
}

function choice(name: string, value: string, label: string, checked: boolean): HTMLLabelElement {
  return h('label', { class: `choice ${name}-${value}` },
    h('input', { type: 'radio', name, value, checked, required: true, 'data-testid': `victim-${value}` }),
    h('span', {}, label));
}

const picked = (form: HTMLElement, name: string): string | undefined =>
  form.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value;

/**
 * The form's fields, and a reader of what was chosen (null while incomplete). sites: where a victim can be
 * recorded now; newCode: the id a new worksite would get; preferred: the site used last. Precondition: locale set.
 */
export function victimForm(sites: readonly SiteSummary[], newCode: string, preferred: string | null): { fields: HTMLElement[]; read(): VictimChoice | null } {
  const conditions = h('fieldset', { class: 'choices' }, h('legend', {}, t('field.victim.condition')),
    ...CONDITIONS.map((c, i) => choice('condition', c, t(`victim.${c}`), i === 0)));
  const colours = h('fieldset', { class: 'choices colours' }, h('legend', {}, t('field.victim.colour')),
    ...COLOURS.map((c) => choice('colour', c, t(`start.${c}`), false)));
  const selected = sites.find((s) => s.id === preferred) ?? sites[0];
  const site = h('select', { name: 'site', 'data-testid': 'victim-site' },
    ...sites.map((s) => h('option', { value: s.id, selected: s === selected }, `${s.code} · ${s.address}`)),
    h('option', { value: NEW_SITE, selected: !selected }, t('field.victim.site.new', { code: newCode })));
  const address = h('input', { name: 'address', maxlength: 200, 'data-testid': 'victim-address' });
  const addressLabel = h('label', {}, t('field.victim.address'), address);
  const description = h('textarea', { name: 'description', required: true, maxlength: 500, rows: 3, 'data-testid': 'victim-description' });
  const root = h('div', { class: 'victim-form' }, conditions, colours, h('label', {}, t('field.victim.site'), site), addressLabel,
    h('label', {}, t('field.victim.description'), description));

  // The dead are START black: the other colours are not offered for them.
  const sync = (): void => {
    const dead = picked(root, 'condition') === 'dead';
    colours.querySelectorAll('input').forEach((input) => {
      input.disabled = dead && input.value !== 'black';
      if (dead) input.checked = input.value === 'black';
    });
    addressLabel.hidden = site.value !== NEW_SITE;
  };
  conditions.addEventListener('change', sync);
  site.addEventListener('change', sync);
  sync();

  return {
    fields: [root],
    read() {
      const condition = picked(root, 'condition') as Condition | undefined;
      const colour = picked(root, 'colour') as StartColour | undefined;
      const text = description.value.trim();
      if (!condition || !colour || !text) return null;
      const existing = sites.find((s) => s.id === site.value);
      return { condition, colour, description: text, site: existing ? { existing } : { open: { code: newCode, address: address.value.trim() } } };
    },
  };
}

