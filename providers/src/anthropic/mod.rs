//! Anthropic Messages API: the client (canonical → Anthropic → canonical) and the front-end
//! translation (an Anthropic request into the canonical one and the canonical answer back).
