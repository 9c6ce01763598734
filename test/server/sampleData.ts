/** Valid data for the sample fixture region (test/fixtures/sample): its permit service and review form. */
export const permitSubmission = () => ({
  applicant: { kind: 'company', name: 'ООО «Ромашка»', inn: '7707083893', ogrn: '1027700132195', phone: '+7 (343) 123-45-67' },
  works: { kinds: ['store'] },
  extra: { consent: true },
});

export const approveReview = { result: { decision: 'approve' } };
