#pragma once
/// The Lancashire model's identity kinds (sim/core/rng.hpp): every agent and every hub or anchor
/// that draws random numbers has an identity made of one of these, an origin, a birth month and
/// a serial, so that no entity's draws depend on which others exist.
#include <cstdint>

#include "sim/core/rng.hpp"

namespace hubsim::model {

enum class Who : std::uint32_t {
  // Streams of places and institutions (origin: hub or anchor index).
  hub = 1,
  anchor,
  // Workers (origin: the hub they start at, or the anchor that recruits them).
  initial_employee,
  initial_seeker,
  anchor_employee,
  graduate,
  apprentice,
  reskilled,
  in_migrant,
  // Firms (origin: hub, or anchor for anchors and spin-outs).
  initial_firm,
  anchor_firm,
  born_firm,
  spinout,
  // Investors (origin: home hub; angel networks: their number in order of joining).
  initial_investor,
  angel_network,
};

/// An identity born in month `born` (a step number, or core::kBornAtStart).
constexpr core::Identity identity(Who who, std::uint32_t origin, std::uint32_t born, std::uint32_t serial = 0) {
  return core::identity(static_cast<std::uint32_t>(who), origin, born, serial);
}

/// The stream identity of a hub or an anchor (the same in every month: the month keys the stream).
constexpr core::Identity hub_identity(std::uint32_t hub) { return identity(Who::hub, hub, 0); }
constexpr core::Identity anchor_identity(std::uint32_t anchor) { return identity(Who::anchor, anchor, 0); }

}  // namespace hubsim::model
