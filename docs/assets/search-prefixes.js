// A query word typed with an attached prefix (Hebrew הבטיחות, "the safety") finds
// what the bare word finds. The index also holds every page word without its
// prefixes (hooks/handbook/search.py), so the bare בטיחות finds הבטיחות; but
// Material's worker adds a wildcard to each query term, lunr skips its pipeline
// for those, and Material 9 has no query hook: query words are matched as typed.
// Hand-written, then: Worker, wrapped here, gives Material's search worker (the
// page's only worker) each query with every word's forms without prefixes, by the
// index's rules, which this script's tag carries (overrides/main.html: only pages
// of a language with search_prefixes load it). The tag comes after the offline
// build's iframe-worker shim and before Material's bundle, which starts the worker.
(function () {
  const settings = document.currentScript.dataset;
  const letters = new Set(settings.letters.split(" "));
  const maxPrefix = Number(settings.max), minLength = Number(settings.min);
  // Material's message types (src/.../integrations/search/worker/message): a
  // QUERY's data is the query as typed; a RESULT's items carry the query terms
  // each page matched.
  const QUERY = 2, RESULT = 3;

  // 'הבטיחות' -> ['בטיחות', 'טיחות']: only prefix letters, at most maxPrefix,
  // keeping minLength letters (as unprefixed_words() in hooks/handbook/search.py).
  function unprefixed(word) {
    const forms = [];
    for (let cut = 1; cut <= maxPrefix; cut++) {
      if (!letters.has(word[cut - 1]) || word.length - cut < minLength) break;
      forms.push(word.slice(cut));
    }
    return forms;
  }

  // Plain words gain their forms; quoted phrases and words with lunr's
  // operators (+word, -word, title:word, word~1) stay as typed.
  function widen(query) {
    return query.split(/("[^"]*")/).map((part, i) => i % 2 ? part :
      part.replace(/(?<=^|\s)\p{L}+(?=\s|$)/gu, word => [word, ...unprefixed(word)].join(" "))
    ).join("");
  }

  // Material shows a page's unmatched query terms as "Missing": a typed word is
  // matched when one of its forms is, and a form the reader did not type is
  // never missing.
  function regroup(terms) {
    const queried = Object.keys(terms);
    for (const term of queried) {
      if (!terms[term] && unprefixed(term).some(form => terms[form])) terms[term] = true;
    }
    for (const term of queried) {
      if (!terms[term] && queried.some(other => unprefixed(other).includes(term))) delete terms[term];
    }
  }

  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      // Added before Material's listener, which then sees the regrouped terms.
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === RESULT && data.data && data.data.items) {
          for (const group of data.data.items) for (const item of group) regroup(item.terms || {});
        }
      });
    }

    postMessage(message, ...options) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        message = { ...message, data: widen(message.data) };
      }
      super.postMessage(message, ...options);
    }
  };
})();
