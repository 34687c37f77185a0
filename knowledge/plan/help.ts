/** Free emergency numbers shown with every plan (domain-and-peers.md A6). Labels are i18n keys. */
export const HELP_NUMBERS = [
  { code: 'help.112', phone: '112' },
  { code: 'help.15', phone: '15' },
  { code: 'help.17', phone: '17' },
  { code: 'help.115', phone: '115' },
  { code: 'help.119', phone: '119' },
  { code: 'help.3919', phone: '3919' },
  { code: 'help.3114', phone: '3114' },
] as const;
