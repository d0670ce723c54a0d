/**
 * Chorus semantics: pure functions over text that tell whether answers mean the same, agree or
 * contradict. No LLM calls; the patterns module calls this package.
 *
 * <ul>
 *   <li>{@link io.chorus.semantics.Embedder}: texts to vectors. {@link
 *       io.chorus.semantics.Embedder#standard()} is the in-process all-MiniLM-L6-v2 (quantized,
 *       ONNX Runtime), falling back to deterministic hashed word vectors if the model cannot load.
 *   <li>{@link io.chorus.semantics.Similarity} and {@link io.chorus.semantics.Calibration}: cosine
 *       and the documented thresholds (MiniLM: same meaning at 0.70, zero credit at or below 0.30,
 *       same subject for contradiction checks at 0.50).
 *   <li>{@link io.chorus.semantics.Polarity}: negation and antonym check, because embeddings score
 *       "X is good" and "X is not good" as paraphrases.
 *   <li>{@link io.chorus.semantics.Claims}: answers to claims, heuristically or from a model's JSON
 *       ({@link io.chorus.semantics.Claims#JSON_SCHEMA}).
 *   <li>{@link io.chorus.semantics.ClaimClusters}: claims grouped across participants; agreements
 *       (held by ⌈2n/3⌉ or more), partial, and attributed disagreements.
 *   <li>{@link io.chorus.semantics.Convergence}: convergence in [0, 1] of two or more answers, per
 *       pair and overall (formula in its Javadoc).
 *   <li>{@link io.chorus.semantics.TextClusters}: free-text answers grouped by meaning, for
 *       semantic voting.
 * </ul>
 *
 * {@snippet :
 * Embedder embedder = Embedder.standard();
 * Map<String, String> answers = new LinkedHashMap<>();
 * answers.put("claude", claudeAnswer);
 * answers.put("grok", grokAnswer);
 * Convergence convergence = Convergence.of(answers, embedder);      // convergence.overall()
 * Map<String, List<Claim>> claims = new LinkedHashMap<>();
 * answers.forEach((who, text) -> claims.put(who, Claims.split(text)));
 * ClaimClusters clusters = ClaimClusters.of(claims, embedder);      // keyAgreements(), disagreements()
 * TextClusters votes = TextClusters.of(List.of("Paris", "It's Paris, France", "London"), embedder);
 * }
 *
 * <p>Everything here is immutable or stateless and thread-safe. The MiniLM model is loaded once per
 * JVM (about a second) and shared. Under JDK 24+ run with {@code
 * --enable-native-access=ALL-UNNAMED} to silence ONNX Runtime's native-access warning. Everything
 * under {@code io.chorus.semantics.internal} is implementation and may change without notice.
 */
@NullMarked
package io.chorus.semantics;

import org.jspecify.annotations.NullMarked;
