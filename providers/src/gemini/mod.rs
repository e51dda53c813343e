//! Gemini generateContent / streamGenerateContent client.
