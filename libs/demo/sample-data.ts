/** Skills the bulk generators draw from, so generated candidates and opportunities overlap as real ones would. */
export const SAMPLE_SKILLS = [
  'マーケティング', 'EC', '英語', '生産管理', '品質管理', '経理', '財務', '人事', '法人営業', '企画', '広報', 'IT', 'DX',
  '経営', '事業承継', 'データ分析', '物流', '接客', '補助金', 'デザイン',
];
