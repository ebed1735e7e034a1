module.exports = { ...require('../../jest.preset.js'), ...require('@plh/test-kit/jest-preset') };
