import type { DocumentNode } from "graphql";

/**
 * A question about a document's text, answered once per document: Apollo hands every request for the same text the
 * same parsed document from its cache, so a walk over the document need not be repeated for each request.
 */
export function perDocument(question: (document: DocumentNode) => boolean): (document: DocumentNode) => boolean {
  const answers = new WeakMap<DocumentNode, boolean>();
  return (document) => {
    let answer = answers.get(document);
    if (answer === undefined) {
      answer = question(document);
      answers.set(document, answer);
    }
    return answer;
  };
}
