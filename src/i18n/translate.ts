import { en, type MessageKey, type Messages } from './en.js';

export type MessageParams = Record<string, string | number>;

const pluralRulesCache = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = pluralRulesCache.get(locale);
  if (!rules) pluralRulesCache.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/**
 * Looks up a message and fills its placeholders. A plural message picks its
 * form from `params.count` with `Intl.PluralRules`.
 */
export function translate(
  key: MessageKey,
  params: MessageParams = {},
  messages: Messages = en,
  locale = 'en',
): string {
  const entry = messages[key] ?? en[key];
  let template: string;
  if (typeof entry === 'string') {
    template = entry;
  } else {
    const count = Number(params.count ?? 0);
    template = entry[pluralRules(locale).select(count)] ?? entry.other;
  }
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
