//! Support code for Strata's integration tests and load benchmarks: a scriptable in-process mock
//! upstream ([`mock::MockUpstream`]) and recorded-style wire fixtures for the OpenAI, Anthropic
//! and Gemini APIs ([`mock::fixtures`]).

pub mod harness;
pub mod mock;
