// Package learn is the one small machine-learning toolkit of claimsvc: the
// learners that every trainer in the project shares (hedging, check-worthiness,
// contradiction, attribution) and the model-file format their weights are
// embedded in.
//
// Everything here is pure Go and deterministic: examples are visited in an
// order shuffled by a fixed seed, maps are never iterated while learning, and
// model files carry no dates, so the same data and flags give byte-identical
// weights on every machine and every run.
//
//   - TrainLogReg: binary logistic regression on sparse examples (AdaGrad, L2,
//     soft targets, example weights), with BestThreshold and PruneTop to pick a
//     decision threshold and keep the file small.
//   - TrainMulticlass / Multiclass: an averaged perceptron over sparse features
//     for choosing one of several classes or candidates.
//   - TrainSequence / Sequence: an averaged structured perceptron for tagging
//     token sequences, decoded by Viterbi under transition constraints (BIO).
//   - ModelFile, WriteModel, ReadModel: a TSV model file whose header says how
//     it was made (command, data files with checksums, hyper-parameters).
package learn
