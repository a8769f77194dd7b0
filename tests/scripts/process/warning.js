'use strict';

process.on('warning', (w) => console.log('warning event:', w.name,
                                         w.message, w.code));
process.emitWarning('something odd', 'CustomWarning', 'W001');
process.emitWarning(new Error('an error warning'));
console.log('sync done');
