module.exports = { ...require('../../jest.preset.js'), ...require('./jest-preset.js') };
