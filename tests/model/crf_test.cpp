// The CRF against brute force: every label sequence of small random cases enumerated.
#include "tests/model/torch_catch.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "libner/io/error.h"
#include "libner/model/crf.h"
#include "libner/scheme/scheme.h"

using ner::Crf;
using ner::Scheme;

namespace {

void set_threads() { torch::set_num_threads(2); }

// Calls `f` with every label sequence of length n over `labels` labels.
void for_each_sequence(int64_t n, int64_t labels, const std::function<void(const std::vector<int64_t>&)>& f) {
  std::vector<int64_t> y(static_cast<std::size_t>(n), 0);
  for (;;) {
    f(y);
    int64_t i = n - 1;
    while (i >= 0 && ++y[static_cast<std::size_t>(i)] == labels) y[static_cast<std::size_t>(i--)] = 0;
    if (i < 0) return;
  }
}

// The unnormalised score of `y` for row b, computed the slow, obvious way.
double sequence_score(const Crf& crf, const torch::Tensor& e, int64_t b, const std::vector<int64_t>& y) {
  auto E = e.accessor<double, 3>();
  auto T = crf.transitions.accessor<double, 2>();
  auto S = crf.start.accessor<double, 1>();
  auto N = crf.end.accessor<double, 1>();
  double s = S[y[0]] + N[y.back()];
  for (std::size_t t = 0; t < y.size(); ++t) {
    s += E[b][static_cast<int64_t>(t)][y[t]];
    if (t > 0) s += T[y[t - 1]][y[t]];
  }
  return s;
}

bool well_formed(const std::vector<int64_t>& y, const std::vector<std::string>& labels, Scheme scheme) {
  std::vector<ner::Tag> tags;
  for (auto id : y) tags.push_back(ner::parse_tag(labels[static_cast<std::size_t>(id)]));
  return ner::find_ill_formed(tags, scheme) == tags.size();
}

struct Case {
  torch::Tensor emissions;  // [B,T,L] double
  torch::Tensor mask;       // [B,T] bool
  std::vector<int64_t> lengths;
};

// Random emissions and left-aligned masks with lengths 1..T (the first row always full).
Case random_case(int64_t batch, int64_t steps, int64_t labels, double scale = 1.0) {
  Case c;
  c.emissions = torch::randn({batch, steps, labels}, torch::kDouble) * scale;
  c.mask = torch::zeros({batch, steps}, torch::kBool);
  for (int64_t b = 0; b < batch; ++b) {
    int64_t len = b == 0 ? steps : 1 + torch::randint(steps, {1}).item<int64_t>();
    c.mask[b].narrow(0, 0, len).fill_(true);
    c.lengths.push_back(len);
  }
  return c;
}

const std::vector<std::string> kIob2Labels{"O", "B-X", "I-X", "B-Y", "I-Y"};

}  // namespace

TEST_CASE("CRF log-partition equals brute-force enumeration", "[model][crf]") {
  set_threads();
  torch::manual_seed(1);
  for (int64_t labels : {1, 2, 3, 4}) {
    std::vector<std::string> names;
    for (int64_t i = 0; i < labels; ++i) names.push_back(i == 0 ? "O" : "I-T" + std::to_string(i));
    Crf crf(names, Scheme::IOB2, false, false);
    crf.to(torch::kDouble);
    for (int64_t steps : {1, 2, 3, 5}) {
      auto c = random_case(4, steps, labels);
      auto log_z = crf.log_partition(c.emissions, c.mask, false);
      REQUIRE(log_z.sizes() == torch::IntArrayRef{4});
      for (int64_t b = 0; b < 4; ++b) {
        double sum = 0;
        for_each_sequence(c.lengths[static_cast<std::size_t>(b)], labels,
                          [&](const std::vector<int64_t>& y) { sum += std::exp(sequence_score(crf, c.emissions, b, y)); });
        INFO("labels " << labels << " steps " << steps << " row " << b);
        CHECK(log_z[b].item<double>() == Approx(std::log(sum)).epsilon(1e-10));
      }
    }
  }
}

TEST_CASE("CRF path score and likelihood match the definition", "[model][crf]") {
  set_threads();
  torch::manual_seed(2);
  Crf crf(kIob2Labels, Scheme::IOB2, false, false);
  crf.to(torch::kDouble);
  auto c = random_case(5, 6, 5);
  // Padded positions hold out-of-range garbage that must be ignored.
  auto y = torch::randint(5, {5, 6}, torch::kLong).masked_fill(c.mask.logical_not(), 99);
  auto score = crf.path_score(c.emissions, c.mask, y, false);
  auto nll = crf.negative_log_likelihood(c.emissions, c.mask, y);
  auto log_z = crf.log_partition(c.emissions, c.mask, false);
  for (int64_t b = 0; b < 5; ++b) {
    std::vector<int64_t> gold;
    for (int64_t t = 0; t < c.lengths[static_cast<std::size_t>(b)]; ++t) gold.push_back(y[b][t].item<int64_t>());
    CHECK(score[b].item<double>() == Approx(sequence_score(crf, c.emissions, b, gold)).epsilon(1e-12));
    CHECK(nll[b].item<double>() == Approx(log_z[b].item<double>() - score[b].item<double>()).epsilon(1e-12));
    CHECK(nll[b].item<double>() > 0);
  }
  CHECK(crf.loss(c.emissions, c.mask, y).item<double>() == Approx(nll.mean().item<double>()));
}

TEST_CASE("CRF gradients pass a finite-difference check", "[model][crf]") {
  set_threads();
  torch::manual_seed(3);
  for (bool constrained : {false, true}) {
    Crf crf(kIob2Labels, Scheme::IOB2, false, constrained);
    crf.to(torch::kDouble);
    auto c = random_case(3, 4, 5);
    // Well-formed gold labels, so the constrained likelihood is finite.
    auto y = torch::tensor({0, 1, 2, 0, 3, 0, 0, 0, 1, 0, 3, 4}, torch::kLong).view({3, 4});
    auto emissions = c.emissions.clone().requires_grad_(true);
    auto f = [&]() { return crf.negative_log_likelihood(emissions, c.mask, y).sum(); };
    f().backward();
    const double eps = 1e-6;
    std::vector<torch::Tensor> params{emissions, crf.transitions, crf.start, crf.end};
    for (auto& p : params) {
      auto grad = p.grad().clone();
      auto flat = p.detach().view(-1);  // shares storage with p
      for (int64_t i = 0; i < flat.numel(); ++i) {
        torch::NoGradGuard no_grad;
        const double old = flat[i].item<double>();
        flat[i] = old + eps;
        const double up = f().item<double>();
        flat[i] = old - eps;
        const double down = f().item<double>();
        flat[i] = old;
        INFO("constrained " << constrained << " parameter of size " << p.numel() << " entry " << i);
        CHECK(grad.view(-1)[i].item<double>() == Approx((up - down) / (2 * eps)).margin(1e-6));
      }
    }
  }
}

TEST_CASE("CRF constrained training normalises over well-formed sequences only", "[model][crf]") {
  set_threads();
  torch::manual_seed(4);
  Crf crf(kIob2Labels, Scheme::IOB2, true, true);
  crf.to(torch::kDouble);
  auto c = random_case(3, 4, 5);
  auto log_z = crf.log_partition(c.emissions, c.mask, true);
  for (int64_t b = 0; b < 3; ++b) {
    double sum = 0;
    for_each_sequence(c.lengths[static_cast<std::size_t>(b)], 5, [&](const std::vector<int64_t>& y) {
      if (well_formed(y, kIob2Labels, Scheme::IOB2)) sum += std::exp(sequence_score(crf, c.emissions, b, y));
    });
    CHECK(log_z[b].item<double>() == Approx(std::log(sum)).epsilon(1e-10));
  }
}

TEST_CASE("CRF log-partition and its gradient stay exact in float32 with large scores", "[model][crf]") {
  // The recursions sum in exp space after subtracting each row's best: scores far apart must
  // neither overflow nor leave a row all -inf. Emissions of scale 60 and transitions of scale 10,
  // with the training constraints' penalties.
  set_threads();
  torch::manual_seed(8);
  Crf crf(kIob2Labels, Scheme::IOB2, true, true);
  crf.to(torch::kDouble);
  {
    torch::NoGradGuard no_grad;
    crf.transitions.normal_(0, 10);
    crf.start.normal_(0, 10);
    crf.end.normal_(0, 10);
  }
  auto c = random_case(4, 5, 5, 60.0);
  // The float64 gradient, which the finite-difference test vouches for, as the reference.
  auto emissions64 = c.emissions.clone().requires_grad_(true);
  crf.log_partition(emissions64, c.mask, true).sum().backward();
  std::vector<torch::Tensor> want_grads{emissions64.grad(), crf.transitions.grad().clone(), crf.start.grad().clone(),
                                        crf.end.grad().clone()};
  for (auto* p : {&crf.transitions, &crf.start, &crf.end}) p->mutable_grad() = torch::Tensor();
  std::vector<double> want;
  for (int64_t b = 0; b < 4; ++b) {
    std::vector<double> scores;
    for_each_sequence(c.lengths[static_cast<std::size_t>(b)], 5, [&](const std::vector<int64_t>& y) {
      if (well_formed(y, kIob2Labels, Scheme::IOB2)) scores.push_back(sequence_score(crf, c.emissions, b, y));
    });
    const double top = *std::max_element(scores.begin(), scores.end());
    double sum = 0;
    for (double s : scores) sum += std::exp(s - top);
    want.push_back(top + std::log(sum));
  }
  crf.to(torch::kFloat);
  auto emissions = c.emissions.to(torch::kFloat).requires_grad_(true);
  auto log_z = crf.log_partition(emissions, c.mask, true);
  log_z.sum().backward();
  for (int64_t b = 0; b < 4; ++b) {
    INFO("row " << b);
    CHECK(log_z[b].item<double>() == Approx(want[static_cast<std::size_t>(b)]).epsilon(1e-6));
    // d log Z / d emissions are the marginals: each step of the row sums to one, padding to zero
    // (to float32's precision on exponents of several hundred, ~1e-4).
    const auto per_step = emissions.grad()[b].sum(1);
    for (int64_t t = 0; t < 5; ++t)
      CHECK(per_step[t].item<double>() == Approx(t < c.lengths[static_cast<std::size_t>(b)] ? 1.0 : 0.0).margin(3e-4));
  }
  const std::vector<torch::Tensor> grads{emissions.grad(), crf.transitions.grad(), crf.start.grad(), crf.end.grad()};
  for (std::size_t i = 0; i < grads.size(); ++i) {
    INFO("gradient " << i);
    REQUIRE(torch::isfinite(grads[i]).all().item<bool>());
    CHECK((grads[i].to(torch::kDouble) - want_grads[i]).abs().max().item<double>() < 3e-4);
  }
}

TEST_CASE("Viterbi equals the brute-force argmax", "[model][crf]") {
  set_threads();
  torch::manual_seed(5);
  for (bool constrained : {false, true}) {
    Crf crf(kIob2Labels, Scheme::IOB2, constrained, false);
    crf.to(torch::kDouble);
    {
      torch::NoGradGuard no_grad;
      crf.transitions.normal_(0, 1);  // strong transitions make the test meaningful
    }
    for (int64_t steps : {1, 2, 4, 6}) {
      auto c = random_case(6, steps, 5);
      auto paths = crf.decode(c.emissions, c.mask);
      REQUIRE(paths.size() == 6);
      for (int64_t b = 0; b < 6; ++b) {
        double best = -std::numeric_limits<double>::infinity();
        std::vector<int64_t> argmax;
        for_each_sequence(c.lengths[static_cast<std::size_t>(b)], 5, [&](const std::vector<int64_t>& y) {
          if (constrained && !well_formed(y, kIob2Labels, Scheme::IOB2)) return;
          double s = sequence_score(crf, c.emissions, b, y);
          if (s > best) best = s, argmax = y;
        });
        INFO("constrained " << constrained << " steps " << steps << " row " << b);
        CHECK(paths[static_cast<std::size_t>(b)] == argmax);
      }
    }
  }
}

TEST_CASE("constrained decoding never emits an ill-formed sequence", "[model][crf]") {
  set_threads();
  torch::manual_seed(6);
  struct SchemeLabels {
    Scheme scheme;
    std::vector<std::string> labels;
  };
  const std::vector<SchemeLabels> cases{
      {Scheme::IOB2, {"O", "B-X", "I-X", "B-Y", "I-Y"}},
      {Scheme::IOBES, {"O", "B-X", "I-X", "E-X", "S-X", "B-Y", "I-Y", "E-Y", "S-Y"}},
      {Scheme::BMES, {"O", "B-X", "M-X", "E-X", "S-X"}},
      {Scheme::IOE2, {"O", "I-X", "E-X", "I-Y", "E-Y"}},
      {Scheme::IOB1, {"O", "I-X", "B-X", "I-Y", "B-Y"}},
  };
  for (const auto& sc : cases) {
    const auto n = static_cast<int64_t>(sc.labels.size());
    Crf crf(sc.labels, sc.scheme, true, false);
    auto c = random_case(32, 25, n, 5.0);
    auto emissions = c.emissions.to(torch::kFloat);
    int64_t ill_formed_unconstrained = 0;
    Crf free_crf(sc.labels, sc.scheme, false, false);
    auto free_paths = free_crf.decode(emissions, c.mask);
    auto paths = crf.decode(emissions, c.mask);
    for (std::size_t b = 0; b < paths.size(); ++b) {
      REQUIRE(static_cast<int64_t>(paths[b].size()) == c.lengths[b]);
      INFO(ner::scheme_name(sc.scheme) << " row " << b);
      CHECK(well_formed(paths[b], sc.labels, sc.scheme));
      ill_formed_unconstrained += !well_formed(free_paths[b], sc.labels, sc.scheme);
    }
    // The emissions are wild enough that without constraints some sequences are ill-formed;
    // otherwise this test would prove nothing.
    CHECK(ill_formed_unconstrained > 0);
  }
}

TEST_CASE("CRF marginals equal brute-force marginals and sum to one", "[model][crf]") {
  set_threads();
  torch::manual_seed(7);
  for (bool constrained : {false, true}) {
    Crf crf(kIob2Labels, Scheme::IOB2, constrained, false);
    crf.to(torch::kDouble);
    auto c = random_case(3, 4, 5);
    auto marginals = crf.marginals(c.emissions, c.mask);
    REQUIRE(marginals.sizes() == c.emissions.sizes());
    for (int64_t b = 0; b < 3; ++b) {
      const auto len = c.lengths[static_cast<std::size_t>(b)];
      std::vector<double> expected(static_cast<std::size_t>(len * 5), 0.0);
      double total = 0;
      for_each_sequence(len, 5, [&](const std::vector<int64_t>& y) {
        if (constrained && !well_formed(y, kIob2Labels, Scheme::IOB2)) return;
        double p = std::exp(sequence_score(crf, c.emissions, b, y));
        total += p;
        for (int64_t t = 0; t < len; ++t) expected[static_cast<std::size_t>(t * 5 + y[static_cast<std::size_t>(t)])] += p;
      });
      for (int64_t t = 0; t < 4; ++t) {
        for (int64_t j = 0; j < 5; ++j) {
          double want = t < len ? expected[static_cast<std::size_t>(t * 5 + j)] / total : 0.0;
          CHECK(marginals[b][t][j].item<double>() == Approx(want).margin(1e-9));
        }
      }
    }
  }
}

TEST_CASE("allowed transitions follow the scheme", "[model][crf]") {
  auto a = ner::allowed_transitions(kIob2Labels, Scheme::IOB2);
  CHECK(a.start[2].item<bool>() == false);       // I-X cannot start
  CHECK(a.start[1].item<bool>() == true);        // B-X can
  CHECK(a.transitions[0][2].item<bool>() == false);  // O -> I-X
  CHECK(a.transitions[1][2].item<bool>() == true);   // B-X -> I-X
  CHECK(a.transitions[1][4].item<bool>() == false);  // B-X -> I-Y
  CHECK(a.end.all().item<bool>());
  CHECK_THROWS_AS(ner::allowed_transitions({"O", "B-X", "I-X"}, Scheme::IOE2), ner::UsageError);
  // An unconstrained CRF accepts any labels.
  CHECK_NOTHROW(Crf({"O", "B-X", "I-X"}, Scheme::IOE2, false, false));
}

TEST_CASE("decoding handles empty rows and a single step", "[model][crf]") {
  set_threads();
  Crf crf(kIob2Labels, Scheme::IOB2, true, false);
  auto e = torch::randn({2, 1, 5});
  auto mask = torch::tensor({true, false}).view({2, 1});
  auto paths = crf.decode(e, mask);
  CHECK(paths[0].size() == 1);
  CHECK(paths[1].empty());
  CHECK(crf.decode(torch::zeros({0, 3, 5}), torch::zeros({0, 3}, torch::kBool)).empty());
}
