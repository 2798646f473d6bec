//! faultline coding: verb patterns into CAMEO and PLOVER events with modality, quotes and evidence
