/** A small valid lesson document for tests to vary. */
export function minimalLesson(): Record<string, unknown> {
  return {
    id: 'tiny',
    title: { en: 'Tiny', ja: 'ちいさな' },
    level: 'beginner',
    minutes: 5,
    concepts: ['labels'],
    intro: { en: 'Label a pod.', ja: 'Pod にラベルを付けます。' },
    setup: [{ kubectl: 'run web --image=nginx' }],
    tasks: [
      {
        id: 'label',
        title: { en: 'Label it', ja: 'ラベルを付ける' },
        prose: { en: 'Give `web` the label `tier=front`.', ja: '`web` に `tier=front` ラベルを付けます。' },
        check: [{ kubectl: 'get pod web -o jsonpath={.metadata.labels.tier}', expect: 'front' }],
        hints: [{ en: 'Use `kubectl label`.', ja: '`kubectl label` を使います。' }],
        explanation: { en: 'Labels are key/value pairs.', ja: 'ラベルはキーと値の組です。' },
        solution: [{ kubectl: 'label pod web tier=front' }],
      },
    ],
  };
}
