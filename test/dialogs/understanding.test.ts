import { detectLanguage } from '../../dialogs/understanding/detect-language';
import { asciiDigits, normalizeInput } from '../../dialogs/understanding/normalize';
import { matchAll, matchChoice, recognizeInteger, recognizeMonth } from '../../dialogs/understanding/recognize';

const today = new Date('2026-11-23T12:00:00Z');

describe('language detection from the first message', () => {
  it.each([
    ['ሰላም፣ ሓገዝ የድልየኒ', 'ti'],
    ['Здравствуйте, мне нужна помощь', 'ru'],
    ['Добрий день, мені потрібна допомога з житлом', 'uk'],
    ['مرحبا، أحتاج إلى مساعدة', 'ar'],
    ['سلام، من به کمک نیاز دارم', 'fa'],
    ['سلام، زه مرستې ته اړتیا لرم', 'ps'],
    ['Bonjour, je cherche un logement', 'fr'],
    ['Hello, I need help', 'en'],
  ])('%s → %s', (text, locale) => {
    expect(detectLanguage(text)).toBe(locale);
  });

  it('does not guess from a message without clues', () => {
    expect(detectLanguage('87000')).toBeUndefined();
  });
});

describe('normalisation', () => {
  it('turns Arabic-Indic and Persian digits into ASCII, and the Arabic comma into a comma', () => {
    expect(asciiDigits('٨٧٠٠٠ ۱۴۰۵')).toBe('87000 1405');
    expect(normalizeInput('  Logement، Travail  ')).toBe('logement, travail');
    expect(normalizeInput('Réfugié')).toBe('refugie');
  });
});

describe('choices', () => {
  const options = [
    { value: 'housing', terms: ['Logement', 'maison', 'hébergement'] },
    { value: 'employment', terms: ['Travail', 'emploi'] },
    { value: 'mobility', terms: ['Transport', 'permis'] },
  ];

  it('matches titles, synonyms, numbers, values and typos', () => {
    expect(matchChoice('logement', options)).toBe('housing');
    expect(matchChoice('HÉBERGEMENT', options)).toBe('housing');
    expect(matchChoice('2', options)).toBe('employment');
    expect(matchChoice('mobility', options)).toBe('mobility');
    expect(matchChoice('travial', options)).toBe('employment');
    expect(matchChoice('je cherche du travail', options)).toBe('employment');
    expect(matchChoice('banane', options)).toBeUndefined();
  });

  it('only whole-message matches when partial matching is off (commands)', () => {
    expect(matchChoice('je cherche du travail', options, { partial: false })).toBeUndefined();
  });

  it('finds several answers in one sentence, whatever the separator', () => {
    expect(matchAll('logement et travail', options)).toEqual(['housing', 'employment']);
    expect(matchAll('logement، permis', options)).toEqual(['housing', 'mobility']);
  });
});

describe('numbers and dates', () => {
  it('reads whole numbers from digits in any script and from French or English words', () => {
    expect(recognizeInteger('٢٧', 'ar')).toBe(27);
    expect(recognizeInteger("j'ai 34 ans", 'fr')).toBe(34);
    expect(recognizeInteger('vingt-deux', 'fr')).toBe(22);
    expect(recognizeInteger('twenty', 'en')).toBe(20);
    expect(recognizeInteger('двадцать', 'ru')).toBeUndefined();
  });

  it('reads a month and year, and refuses the future', () => {
    expect(recognizeMonth('03/2025', 'ti', today)).toBe('2025-03');
    expect(recognizeMonth('۱۴۰۴/۰۳', 'fa', today)).toBe('2025-05');
    expect(recognizeMonth('1404/11', 'ps', today)).toBe('2026-01');
    expect(recognizeMonth('1405/10', 'ps', today)).toBeUndefined();
    expect(recognizeMonth('1404/11', 'ar', today)).toBeUndefined();
    expect(recognizeMonth('2025-3', 'ru', today)).toBe('2025-03');
    expect(recognizeMonth('mars 2025', 'fr', today)).toBe('2025-03');
    expect(recognizeMonth('in March 2024', 'en', today)).toBe('2024-03');
    expect(recognizeMonth('12/2026', 'fr', today)).toBeUndefined();
    expect(recognizeMonth('13/2025', 'fr', today)).toBeUndefined();
  });
});

describe('short answers are never taken for a longer word', () => {
  const commands = [
    { value: 'erase', terms: ['удалить', 'effacer', 'стереть'] },
    { value: 'help', terms: ['sos', 'au secours', 'urgence', 'emergency'] },
    { value: 'human', terms: ['social worker'] },
  ];
  it.each(['да', 'o', 'n', 'y', 'cours', 'fac', 'work', 'ні'])('"%s" is no command', (answer) => {
    expect(matchChoice(answer, commands, { partial: false })).toBeUndefined();
  });
  it('while a typo of the whole command still is one', () => {
    expect(matchChoice('efacer', commands, { partial: false })).toBe('erase');
    expect(matchChoice('urgense', commands, { partial: false })).toBe('help');
  });
});
