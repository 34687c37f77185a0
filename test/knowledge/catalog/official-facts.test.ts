import { loadCatalog } from '../../../knowledge/catalog/load';
import type { Resource } from '../../../knowledge/catalog/schema';
import { LOCALES } from '../../../knowledge/contracts/vocabulary';
import { getI18n } from '../../../knowledge/i18n';

/**
 * Issue 9: facts the seeds got wrong or that changed, checked in the words the person reads.
 * Sources: OFII tenders of 2025 (AN question 17-7550), décret 2024-1243, monparcourshandicap.gouv.fr,
 * circulaire 2012-141 (all checked 2026-11-27).
 */
const catalog = loadCatalog().resources;
const fr = (r: Resource) => `${r.title.fr} ${r.summary.fr}`;
const saying = (pattern: RegExp) => catalog.filter((r) => pattern.test(fr(r)));

describe('what the catalog says', () => {
  it('no OFII course is a fixed package of 100, 200 or 400 hours any more (July 2025)', () => {
    const stale = saying(/OFII/).filter((r) => /\b[124]00 ?(h|heures)\b/.test(fr(r)) && !/plus de forfaits/.test(fr(r)));
    expect(stale.map((r) => r.id)).toEqual([]);
    expect(saying(/OFII.*sans limite d'heures/).length).toBeGreaterThan(0);
  });

  it('French courses count as working time up to 80 hours, not 600 (décret 2024-1243)', () => {
    const cards = saying(/temps de travail/).filter((r) => /OFII|CIR/.test(fr(r)));
    expect(cards.length).toBeGreaterThan(0);
    for (const r of cards) {
      expect(r.summary.fr).toMatch(/80 heures/);
      expect(fr(r)).not.toMatch(/600/);
      for (const locale of LOCALES) expect(r.summary[locale] ?? '').toMatch(/80|۸۰|٨٠/);
    }
  });

  it('the AAH is decided by the CDAPH (MDPH) and paid by the CAF or the MSA, never by the département', () => {
    const cards = saying(/\bAAH\b/);
    expect(cards.length).toBeGreaterThan(0);
    for (const r of cards) {
      expect(r.summary.fr).toMatch(/MDPH/);
      expect(r.summary.fr).toMatch(/CAF/);
      expect(r.summary.fr).not.toMatch(/département verse/);
    }
  });

  it('the mairie enrols for nursery and primary school only; collège and the over-16s have their own door', () => {
    for (const r of saying(/inscri/).filter((x) => x.programs.includes('school_enrolment') && /mairie/.test(fr(x)))) {
      expect(r.summary.fr).toMatch(/DSDEN/);
      expect(r.summary.fr).toMatch(/CIO/);
    }
    const t = getI18n();
    for (const lng of LOCALES) {
      const step = t.getFixedT(lng, 'engine')('step.school_enrolment');
      for (const door of ['mairie', 'DSDEN', 'CIO']) expect(step).toContain(door);
    }
  });

  // Missing rights of issue 9, each read in the card's French (sources in the cards, checked 2026-11-27).
  const byId = (id: string) => catalog.find((r) => r.id === id)!;

  it('the préfecture card after protection: 10 years for refugees, 4 for subsidiary protection, no civic exam (CESEDA L424-1, L424-9, L413-7)', () => {
    const r = byId('rights-carte-sejour-protection');
    expect(r.summary.fr).toMatch(/10 ans/);
    expect(r.summary.fr).toMatch(/4 ans/);
    expect(r.summary.fr).toMatch(/ni d'examen civique/);
    expect(r.programs).toEqual(['residence_permit']);
  });

  it('OFPRA makes the civil-status documents; since 2025 a form comes with the decision (ofpra.gouv.fr FAQ)', () => {
    expect(byId('rights-etat-civil-ofpra').summary.fr).toMatch(/formulaire joint à la décision/);
  });

  it('the C2S is free or under 1 € a day, for asylum seekers after 3 months (ameli)', () => {
    const r = byId('health-complementaire-sante-solidaire');
    expect(r.summary.fr).toMatch(/moins de 1 € par jour/);
    expect(r.summary.fr).toMatch(/après 3 mois/);
    expect(r.audience.statuses).not.toContain('no_right_to_stay');
  });

  it('family reunification asks no income, housing or length of stay (ofpra.gouv.fr)', () => {
    expect(byId('rights-reunification-familiale').summary.fr).toMatch(/sans condition de ressources, de logement ni de durée de séjour/);
  });

  it('the bank card gives the droit au compte procedure: refusal letter, then the Banque de France names a bank (F2417)', () => {
    const r = byId('rights-compte-bancaire');
    expect(r.summary.fr).toMatch(/lettre de refus/);
    expect(r.summary.fr).toMatch(/Banque de France désigne une banque/);
  });

  it('domiciliation: CCAS or approved association, asylum seekers through the SPADA (CASF L264-1, L264-2)', () => {
    const r = byId('rights-domiciliation');
    expect(r.summary.fr).toMatch(/CCAS/);
    expect(r.summary.fr).toMatch(/SPADA/);
    expect(r.audience.statuses).not.toContain('asylum_seeker');
  });
});
