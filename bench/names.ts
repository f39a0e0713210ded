// Invented names for the synthetic world. Every name is built from a unique number, so two
// entities never share a name (and so never a slug id), at any corpus size.

const CONSONANTS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u'];
// Consonant-vowel syllables: a word made of them splits back into syllables one way only,
// so distinct numbers always give distinct words.
const SYLLABLES = CONSONANTS.flatMap((c) => VOWELS.map((v) => c + v));

/** A pronounceable lowercase word unique to `n` (two syllables for small n, more as n grows). */
export function stem(n: number): string {
  let length = 2;
  let first = 0;
  while (n - first >= SYLLABLES.length ** length) {
    first += SYLLABLES.length ** length;
    length += 1;
  }
  // Scrambled within its length so that neighbouring numbers do not share their first syllables
  // (multiplying by a number coprime with the block size is a bijection of the block).
  const block = SYLLABLES.length ** length;
  let rest = ((n - first) * 9973 + 4099) % block;
  let word = '';
  for (let i = 0; i < length; i++) {
    word = (SYLLABLES[rest % SYLLABLES.length] ?? '') + word;
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return word;
}

/** The word with its first letter upper-cased. */
export function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Kebab-case slug of a name, as the seed format wants ids. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// A country name is a stem plus one of these endings. Stems are whole syllables and every ending is
// shorter than a syllable plus another ending, so no stem + ending can equal another.
export const COUNTRY_ENDINGS = ['ria', 'land', 'stan', 'nia', 'via', 'dor'];

export const FIRST_NAMES = [
  'Ada',
  'Boris',
  'Chen',
  'Dara',
  'Elif',
  'Farid',
  'Greta',
  'Hana',
  'Ivan',
  'Jana',
  'Kofi',
  'Lena',
  'Mira',
  'Nadia',
  'Omar',
  'Petra',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomas',
  'Uma',
  'Viktor',
  'Wen',
  'Yara',
  'Zoran',
  'Amir',
  'Bela',
  'Carmen',
  'Dmitri',
  'Emre',
  'Fatima',
  'Goran',
  'Helga',
  'Ines',
  'Jonas',
  'Kira',
  'Luca',
  'Maya',
  'Nils',
  'Olga',
  'Pavel',
  'Rami',
  'Sofia',
  'Taro',
  'Ulla',
  'Vera',
  'Yusuf',
  'Zara',
  'Anton',
  'Bianca',
  'Cyrus',
  'Daria',
  'Eitan',
  'Freya',
  'Gustav',
  'Hiro',
  'Irina',
  'Jamal',
  'Karin',
  'Leon',
];

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH_ABBREVIATIONS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** A month and day the way news copy writes them without a year: "Oct. 3". */
export function monthDayText(month: number, day: number): string {
  return `${MONTH_ABBREVIATIONS[month - 1] ?? ''} ${day}`;
}

/** 12,000 rather than 12000, without depending on the process locale. */
export function withThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
