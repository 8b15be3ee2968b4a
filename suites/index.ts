// Every suite section, in report order (spec, c2s then s2s, then section number).
// Written by scripts/suites-index.ts (npm run suites-index).
import type { Section } from "../harness/runner/case.ts";
import r6120_4_3_stream_negotiation from "./rfc6120/4.3-stream-negotiation.ts";
import r6120_4_4_closing from "./rfc6120/4.4-closing.ts";
import r6120_4_6_silent_peers from "./rfc6120/4.6-silent-peers.ts";
import r6120_4_7_3_stream_id_unpredictable from "./rfc6120/4.7.3-stream-id-unpredictable.ts";
import r6120_4_7_5_version from "./rfc6120/4.7.5-version.ts";
import r6120_4_7_stream_attributes from "./rfc6120/4.7-stream-attributes.ts";
import r6120_4_8_5_prefixes from "./rfc6120/4.8.5-prefixes.ts";
import r6120_4_8_namespaces from "./rfc6120/4.8-namespaces.ts";
import r6120_4_9_1_stream_error_rules from "./rfc6120/4.9.1-stream-error-rules.ts";
import r6120_4_9_2_stream_error_syntax from "./rfc6120/4.9.2-stream-error-syntax.ts";
import r6120_4_9_3_stream_errors from "./rfc6120/4.9.3-stream-errors.ts";
import r6120_5_3_5_tls_renegotiation from "./rfc6120/5.3.5-tls-renegotiation.ts";
import r6120_5_3_starttls_rules from "./rfc6120/5.3-starttls-rules.ts";
import r6120_5_4_3_tls_negotiation from "./rfc6120/5.4.3-tls-negotiation.ts";
import r6120_5_4_starttls_process from "./rfc6120/5.4-starttls-process.ts";
import r6120_6_3_sasl_rules from "./rfc6120/6.3-sasl-rules.ts";
import r6120_6_4_5_sasl_failure from "./rfc6120/6.4.5-sasl-failure.ts";
import r6120_6_4_sasl_process from "./rfc6120/6.4-sasl-process.ts";
import r6120_6_5_sasl_errors from "./rfc6120/6.5-sasl-errors.ts";
import r6120_7_1_binding_fundamentals from "./rfc6120/7.1-binding-fundamentals.ts";
import r6120_7_3_binding_rules from "./rfc6120/7.3-binding-rules.ts";
import r6120_7_4_binding_advertised from "./rfc6120/7.4-binding-advertised.ts";
import r6120_7_6_binding_process from "./rfc6120/7.6-binding-process.ts";
import r6120_7_7_binding_errors from "./rfc6120/7.7-binding-errors.ts";
import r6120_8_1_common_attributes from "./rfc6120/8.1-common-attributes.ts";
import r6120_8_2_basic_semantics from "./rfc6120/8.2-basic-semantics.ts";
import r6120_8_3_3_defined_conditions from "./rfc6120/8.3.3-defined-conditions.ts";
import r6120_8_3_stanza_errors from "./rfc6120/8.3-stanza-errors.ts";
import r6120_8_4_extended_content from "./rfc6120/8.4-extended-content.ts";
import r6120_8_xml_stanzas from "./rfc6120/8-xml-stanzas.ts";
import r6120_10_1_in_order_processing from "./rfc6120/10.1-in-order-processing.ts";
import r6120_10_3_no_to_address from "./rfc6120/10.3-no-to-address.ts";
import r6120_10_4_remote_domain from "./rfc6120/10.4-remote-domain.ts";
import r6120_10_5_local_domain from "./rfc6120/10.5-local-domain.ts";
import r6120_11_1_restricted_xml from "./rfc6120/11.1-restricted-xml.ts";
import r6120_11_3_well_formedness from "./rfc6120/11.3-well-formedness.ts";
import r6120_11_5_xml_declaration from "./rfc6120/11.5-xml-declaration.ts";
import r6120_11_6_character_encoding from "./rfc6120/11.6-character-encoding.ts";
import r6120_12_i18n from "./rfc6120/12-i18n.ts";
import r6120_13_7_certificates from "./rfc6120/13.7-certificates.ts";
import r6120_13_8_mechanisms from "./rfc6120/13.8-mechanisms.ts";
import r6120_13_9_4_sasl_use from "./rfc6120/13.9.4-sasl-use.ts";
import r6120_13_9_base64 from "./rfc6120/13.9-base64.ts";
import r6120_13_10_information_leaks from "./rfc6120/13.10-information-leaks.ts";
import r6120_13_12_denial_of_service from "./rfc6120/13.12-denial-of-service.ts";
import r6120_s2s_3_2_resolution from "./rfc6120/s2s/3.2-resolution.ts";
import r6120_s2s_3_3_reconnection from "./rfc6120/s2s/3.3-reconnection.ts";
import r6120_s2s_4_3_5_before_auth from "./rfc6120/s2s/4.3.5-before-auth.ts";
import r6120_s2s_4_7_stream_attributes from "./rfc6120/s2s/4.7-stream-attributes.ts";
import r6120_s2s_4_8_5_routed_namespaces from "./rfc6120/s2s/4.8.5-routed-namespaces.ts";
import r6120_s2s_4_8_namespaces from "./rfc6120/s2s/4.8-namespaces.ts";
import r6120_s2s_4_9_3_19_see_other_host from "./rfc6120/s2s/4.9.3.19-see-other-host.ts";
import r6120_s2s_4_9_stream_errors from "./rfc6120/s2s/4.9-stream-errors.ts";
import r6120_s2s_5_4_starttls from "./rfc6120/s2s/5.4-starttls.ts";
import r6120_s2s_6_sasl_external_inbound from "./rfc6120/s2s/6-sasl-external-inbound.ts";
import r6120_s2s_6_sasl_external_outbound from "./rfc6120/s2s/6-sasl-external-outbound.ts";
import r6120_s2s_8_1_addressing from "./rfc6120/s2s/8.1-addressing.ts";
import r6120_s2s_10_1_order from "./rfc6120/s2s/10.1-order.ts";
import r6120_s2s_10_4_routing from "./rfc6120/s2s/10.4-routing.ts";
import r6120_s2s_13_7_2_certificates from "./rfc6120/s2s/13.7.2-certificates.ts";
import r6121_2_1_syntax_and_semantics from "./rfc6121/2.1-syntax-and-semantics.ts";
import r6121_2_2_retrieving from "./rfc6121/2.2-retrieving.ts";
import r6121_2_3_adding from "./rfc6121/2.3-adding.ts";
import r6121_2_4_updating from "./rfc6121/2.4-updating.ts";
import r6121_2_5_deleting from "./rfc6121/2.5-deleting.ts";
import r6121_2_6_versioning from "./rfc6121/2.6-versioning.ts";
import r6121_3_1_2_outbound_request from "./rfc6121/3.1.2-outbound-request.ts";
import r6121_3_1_3_inbound_request from "./rfc6121/3.1.3-inbound-request.ts";
import r6121_3_1_5_approval from "./rfc6121/3.1.5-approval.ts";
import r6121_3_2_cancel from "./rfc6121/3.2-cancel.ts";
import r6121_3_3_unsubscribe from "./rfc6121/3.3-unsubscribe.ts";
import r6121_3_4_pre_approval from "./rfc6121/3.4-pre-approval.ts";
import r6121_3_stamped_bare from "./rfc6121/3-stamped-bare.ts";
import r6121_4_2_initial_presence from "./rfc6121/4.2-initial-presence.ts";
import r6121_4_3_probes from "./rfc6121/4.3-probes.ts";
import r6121_4_4_broadcast from "./rfc6121/4.4-broadcast.ts";
import r6121_4_5_unavailable from "./rfc6121/4.5-unavailable.ts";
import r6121_4_6_directed from "./rfc6121/4.6-directed.ts";
import r6121_4_7_syntax from "./rfc6121/4.7-syntax.ts";
import r6121_5_1_messages from "./rfc6121/5.1-messages.ts";
import r6121_5_2_message_syntax from "./rfc6121/5.2-message-syntax.ts";
import r6121_8_5_delivery from "./rfc6121/8.5-delivery.ts";
import r6121_8_5_delivery_matrix from "./rfc6121/8.5-delivery-matrix.ts";
import r6121_9_uris from "./rfc6121/9-uris.ts";
import r6121_12_conformance from "./rfc6121/12-conformance.ts";
import r6121_A_2_outbound from "./rfc6121/A.2-outbound.ts";
import r6121_A_3_inbound from "./rfc6121/A.3-inbound.ts";
import r6121_s2s_3_1_5_approval from "./rfc6121/s2s/3.1.5-approval.ts";
import r6121_s2s_3_1_subscribe from "./rfc6121/s2s/3.1-subscribe.ts";
import r6121_s2s_3_2_cancel from "./rfc6121/s2s/3.2-cancel.ts";
import r6121_s2s_3_3_unsubscribe from "./rfc6121/s2s/3.3-unsubscribe.ts";
import r6121_s2s_4_2_initial_presence from "./rfc6121/s2s/4.2-initial-presence.ts";
import r6121_s2s_4_3_probe from "./rfc6121/s2s/4.3-probe.ts";
import r6121_s2s_4_4_broadcast from "./rfc6121/s2s/4.4-broadcast.ts";
import r6121_s2s_4_5_unavailable from "./rfc6121/s2s/4.5-unavailable.ts";
import r6121_s2s_4_6_directed from "./rfc6121/s2s/4.6-directed.ts";
import r6121_s2s_5_2_messages from "./rfc6121/s2s/5.2-messages.ts";
import r6121_s2s_8_5_delivery from "./rfc6121/s2s/8.5-delivery.ts";
import r7395_3_9_use_of_tls from "./rfc7395/3.9-use-of-tls.ts";
import r7622_3_1_fundamentals from "./rfc7622/3.1-fundamentals.ts";
import r7622_3_2_domainpart from "./rfc7622/3.2-domainpart.ts";
import r7622_3_3_localpart from "./rfc7622/3.3-localpart.ts";
import r7622_3_4_resourcepart from "./rfc7622/3.4-resourcepart.ts";
import x0030_3_1_account_info from "./xep0030/3.1-account-info.ts";
import x0030_3_1_features_honoured from "./xep0030/3.1-features-honoured.ts";
import x0030_3_1_server_info from "./xep0030/3.1-server-info.ts";
import x0030_3_2_info_nodes from "./xep0030/3.2-info-nodes.ts";
import x0030_4_1_items from "./xep0030/4.1-items.ts";
import x0030_6_3_consistency from "./xep0030/6.3-consistency.ts";
import x0030_8_security from "./xep0030/8-security.ts";
import x0054_3_1_retrieving from "./xep0054/3.1-retrieving.ts";
import x0054_3_2_updating from "./xep0054/3.2-updating.ts";
import x0054_3_3_viewing_another from "./xep0054/3.3-viewing-another.ts";
import x0054_4_support from "./xep0054/4-support.ts";
import x0054_8_implementation_notes from "./xep0054/8-implementation-notes.ts";
import x0077_3_1_register from "./xep0077/3.1-register.ts";
import x0077_3_2_cancel from "./xep0077/3.2-cancel.ts";
import x0077_3_3_password from "./xep0077/3.3-password.ts";
import x0077_4_extensibility from "./xep0077/4-extensibility.ts";
import x0077_6_precedence from "./xep0077/6-precedence.ts";
import x0077_8_stream_feature from "./xep0077/8-stream-feature.ts";
import x0077_9_errors from "./xep0077/9-errors.ts";
import x0077_10_disco from "./xep0077/10-disco.ts";
import x0114_3_routing from "./xep0114/3-routing.ts";
import x0114_3_stream_handshake from "./xep0114/3-stream-handshake.ts";
import x0115_5_1_verification from "./xep0115/5.1-verification.ts";
import x0115_6_2_discovering from "./xep0115/6.2-discovering.ts";
import x0115_6_3_stream_feature from "./xep0115/6.3-stream-feature.ts";
import x0115_7_support from "./xep0115/7-support.ts";
import x0115_8_4_presence from "./xep0115/8.4-presence.ts";
import x0163_3_publishing from "./xep0163/3-publishing.ts";
import x0163_4_1_auto_subscribe from "./xep0163/4.1-auto-subscribe.ts";
import x0163_4_2_filtering from "./xep0163/4.2-filtering.ts";
import x0163_4_3_1_addressing from "./xep0163/4.3.1-addressing.ts";
import x0163_4_3_2_number from "./xep0163/4.3.2-number.ts";
import x0163_4_3_3_when from "./xep0163/4.3.3-when.ts";
import x0163_4_3_4_last_item from "./xep0163/4.3.4-last-item.ts";
import x0163_5_defaults from "./xep0163/5-defaults.ts";
import x0163_6_1_owner_discovery from "./xep0163/6.1-owner-discovery.ts";
import x0163_6_2_contact_discovery from "./xep0163/6.2-contact-discovery.ts";
import x0163_7_1_cancelling from "./xep0163/7.1-cancelling.ts";
import x0191_3_1_discovery from "./xep0191/3.1-discovery.ts";
import x0191_3_2_blocklist from "./xep0191/3.2-blocklist.ts";
import x0191_3_3_block from "./xep0191/3.3-block.ts";
import x0191_3_3_inbound from "./xep0191/3.3-inbound.ts";
import x0191_3_3_outbound from "./xep0191/3.3-outbound.ts";
import x0191_3_3_presence from "./xep0191/3.3-presence.ts";
import x0191_3_3_remote from "./xep0191/3.3-remote.ts";
import x0191_3_3_sessions from "./xep0191/3.3-sessions.ts";
import x0191_3_4_unblock from "./xep0191/3.4-unblock.ts";
import x0191_3_5_unblock_all from "./xep0191/3.5-unblock-all.ts";
import x0191_4_implementation from "./xep0191/4-implementation.ts";
import x0191_5_privacy from "./xep0191/5-privacy.ts";
import x0191_6_matching from "./xep0191/6-matching.ts";
import x0198_3_enable from "./xep0198/3-enable.ts";
import x0198_4_acks from "./xep0198/4-acks.ts";
import x0198_5_refused_resumption from "./xep0198/5-refused-resumption.ts";
import x0198_5_resumption from "./xep0198/5-resumption.ts";
import x0198_6_errors from "./xep0198/6-errors.ts";
import x0198_9_2_1_failed_inline from "./xep0198/9.2.1-failed-inline.ts";
import x0198_9_2_sasl2 from "./xep0198/9.2-sasl2.ts";
import x0199_4_1_server_to_client from "./xep0199/4.1-server-to-client.ts";
import x0199_4_2_client_to_server from "./xep0199/4.2-client-to-server.ts";
import x0199_4_3_server_to_server from "./xep0199/4.3-server-to-server.ts";
import x0199_4_4_client_to_client from "./xep0199/4.4-client-to-client.ts";
import x0199_5_disco from "./xep0199/5-disco.ts";
import x0220_2_1_initiating from "./xep0220/2.1-initiating.ts";
import x0220_2_2_receiving from "./xep0220/2.2-receiving.ts";
import x0280_4_1_enabling_errors from "./xep0280/4.1-enabling-errors.ts";
import x0280_5_1_disabling_errors from "./xep0280/5.1-disabling-errors.ts";
import x0280_6_eligible from "./xep0280/6-eligible.ts";
import x0280_7_receiving from "./xep0280/7-receiving.ts";
import x0280_8_sending from "./xep0280/8-sending.ts";
import x0280_9_private from "./xep0280/9-private.ts";
import x0280_10_1_multiple_requests from "./xep0280/10.1-multiple-requests.ts";
import x0280_10_3_errors from "./xep0280/10.3-errors.ts";
import x0280_11_security from "./xep0280/11-security.ts";
import x0288_2_bidi from "./xep0288/2-bidi.ts";
import x0313_3_3_1_user_archive_jid from "./xep0313/3.3.1-user-archive-jid.ts";
import x0313_3_archives from "./xep0313/3-archives.ts";
import x0313_4_1_1_with from "./xep0313/4.1.1-with.ts";
import x0313_4_1_2_time from "./xep0313/4.1.2-time.ts";
import x0313_4_1_3_ids from "./xep0313/4.1.3-ids.ts";
import x0313_4_1_5_form from "./xep0313/4.1.5-form.ts";
import x0313_4_3_1_page_limits from "./xep0313/4.3.1-page-limits.ts";
import x0313_4_3_2_requesting_pages from "./xep0313/4.3.2-requesting-pages.ts";
import x0313_4_3_4_flipped_pages from "./xep0313/4.3.4-flipped-pages.ts";
import x0313_4_query from "./xep0313/4-query.ts";
import x0313_5_metadata from "./xep0313/5-metadata.ts";
import x0313_6_1_1_user_archives from "./xep0313/6.1.1-user-archives.ts";
import x0313_8_1_privacy from "./xep0313/8.1-privacy.ts";
import x0352_4_2_indicating from "./xep0352/4.2-indicating.ts";
import x0352_5_1_in_order from "./xep0352/5.1-in-order.ts";
import x0352_5_business_rules from "./xep0352/5-business-rules.ts";
import x0352_6_security from "./xep0352/6-security.ts";
import x0368_3_c2s_direct_tls from "./xep0368/3-c2s-direct-tls.ts";
import x0368_3_s2s_direct_tls from "./xep0368/3-s2s-direct-tls.ts";

export const ALL_SECTIONS: Section[] = [
  r6120_4_3_stream_negotiation,
  r6120_4_4_closing,
  r6120_4_6_silent_peers,
  r6120_4_7_stream_attributes,
  r6120_4_7_3_stream_id_unpredictable,
  r6120_4_7_5_version,
  r6120_4_8_namespaces,
  r6120_4_8_5_prefixes,
  r6120_4_9_1_stream_error_rules,
  r6120_4_9_2_stream_error_syntax,
  r6120_4_9_3_stream_errors,
  r6120_5_3_starttls_rules,
  r6120_5_3_5_tls_renegotiation,
  r6120_5_4_starttls_process,
  r6120_5_4_3_tls_negotiation,
  r6120_6_3_sasl_rules,
  r6120_6_4_sasl_process,
  r6120_6_4_5_sasl_failure,
  r6120_6_5_sasl_errors,
  r6120_7_1_binding_fundamentals,
  r6120_7_3_binding_rules,
  r6120_7_4_binding_advertised,
  r6120_7_6_binding_process,
  r6120_7_7_binding_errors,
  r6120_8_xml_stanzas,
  r6120_8_1_common_attributes,
  r6120_8_2_basic_semantics,
  r6120_8_3_stanza_errors,
  r6120_8_3_3_defined_conditions,
  r6120_8_4_extended_content,
  r6120_10_1_in_order_processing,
  r6120_10_3_no_to_address,
  r6120_10_4_remote_domain,
  r6120_10_5_local_domain,
  r6120_11_1_restricted_xml,
  r6120_11_3_well_formedness,
  r6120_11_5_xml_declaration,
  r6120_11_6_character_encoding,
  r6120_12_i18n,
  r6120_13_7_certificates,
  r6120_13_8_mechanisms,
  r6120_13_9_base64,
  r6120_13_9_4_sasl_use,
  r6120_13_10_information_leaks,
  r6120_13_12_denial_of_service,
  r6120_s2s_3_2_resolution,
  r6120_s2s_3_3_reconnection,
  r6120_s2s_4_3_5_before_auth,
  r6120_s2s_4_7_stream_attributes,
  r6120_s2s_4_8_namespaces,
  r6120_s2s_4_8_5_routed_namespaces,
  r6120_s2s_4_9_stream_errors,
  r6120_s2s_4_9_3_19_see_other_host,
  r6120_s2s_5_4_starttls,
  r6120_s2s_6_sasl_external_inbound,
  r6120_s2s_6_sasl_external_outbound,
  r6120_s2s_8_1_addressing,
  r6120_s2s_10_1_order,
  r6120_s2s_10_4_routing,
  r6120_s2s_13_7_2_certificates,
  r6121_2_1_syntax_and_semantics,
  r6121_2_2_retrieving,
  r6121_2_3_adding,
  r6121_2_4_updating,
  r6121_2_5_deleting,
  r6121_2_6_versioning,
  r6121_3_stamped_bare,
  r6121_3_1_2_outbound_request,
  r6121_3_1_3_inbound_request,
  r6121_3_1_5_approval,
  r6121_3_2_cancel,
  r6121_3_3_unsubscribe,
  r6121_3_4_pre_approval,
  r6121_4_2_initial_presence,
  r6121_4_3_probes,
  r6121_4_4_broadcast,
  r6121_4_5_unavailable,
  r6121_4_6_directed,
  r6121_4_7_syntax,
  r6121_5_1_messages,
  r6121_5_2_message_syntax,
  r6121_8_5_delivery_matrix,
  r6121_8_5_delivery,
  r6121_9_uris,
  r6121_12_conformance,
  r6121_A_2_outbound,
  r6121_A_3_inbound,
  r6121_s2s_3_1_subscribe,
  r6121_s2s_3_1_5_approval,
  r6121_s2s_3_2_cancel,
  r6121_s2s_3_3_unsubscribe,
  r6121_s2s_4_2_initial_presence,
  r6121_s2s_4_3_probe,
  r6121_s2s_4_4_broadcast,
  r6121_s2s_4_5_unavailable,
  r6121_s2s_4_6_directed,
  r6121_s2s_5_2_messages,
  r6121_s2s_8_5_delivery,
  r7395_3_9_use_of_tls,
  r7622_3_1_fundamentals,
  r7622_3_2_domainpart,
  r7622_3_3_localpart,
  r7622_3_4_resourcepart,
  x0030_3_1_account_info,
  x0030_3_1_features_honoured,
  x0030_3_1_server_info,
  x0030_3_2_info_nodes,
  x0030_4_1_items,
  x0030_6_3_consistency,
  x0030_8_security,
  x0054_3_1_retrieving,
  x0054_3_2_updating,
  x0054_3_3_viewing_another,
  x0054_4_support,
  x0054_8_implementation_notes,
  x0077_3_1_register,
  x0077_3_2_cancel,
  x0077_3_3_password,
  x0077_4_extensibility,
  x0077_6_precedence,
  x0077_8_stream_feature,
  x0077_9_errors,
  x0077_10_disco,
  x0114_3_routing,
  x0114_3_stream_handshake,
  x0115_5_1_verification,
  x0115_6_2_discovering,
  x0115_6_3_stream_feature,
  x0115_7_support,
  x0115_8_4_presence,
  x0163_3_publishing,
  x0163_4_1_auto_subscribe,
  x0163_4_2_filtering,
  x0163_4_3_1_addressing,
  x0163_4_3_2_number,
  x0163_4_3_3_when,
  x0163_4_3_4_last_item,
  x0163_5_defaults,
  x0163_6_1_owner_discovery,
  x0163_6_2_contact_discovery,
  x0163_7_1_cancelling,
  x0191_3_1_discovery,
  x0191_3_2_blocklist,
  x0191_3_3_block,
  x0191_3_3_inbound,
  x0191_3_3_outbound,
  x0191_3_3_presence,
  x0191_3_3_remote,
  x0191_3_3_sessions,
  x0191_3_4_unblock,
  x0191_3_5_unblock_all,
  x0191_4_implementation,
  x0191_5_privacy,
  x0191_6_matching,
  x0198_3_enable,
  x0198_4_acks,
  x0198_5_refused_resumption,
  x0198_5_resumption,
  x0198_6_errors,
  x0198_9_2_sasl2,
  x0198_9_2_1_failed_inline,
  x0199_4_1_server_to_client,
  x0199_4_2_client_to_server,
  x0199_4_3_server_to_server,
  x0199_4_4_client_to_client,
  x0199_5_disco,
  x0220_2_1_initiating,
  x0220_2_2_receiving,
  x0280_4_1_enabling_errors,
  x0280_5_1_disabling_errors,
  x0280_6_eligible,
  x0280_7_receiving,
  x0280_8_sending,
  x0280_9_private,
  x0280_10_1_multiple_requests,
  x0280_10_3_errors,
  x0280_11_security,
  x0288_2_bidi,
  x0313_3_archives,
  x0313_3_3_1_user_archive_jid,
  x0313_4_query,
  x0313_4_1_1_with,
  x0313_4_1_2_time,
  x0313_4_1_3_ids,
  x0313_4_1_5_form,
  x0313_4_3_1_page_limits,
  x0313_4_3_2_requesting_pages,
  x0313_4_3_4_flipped_pages,
  x0313_5_metadata,
  x0313_6_1_1_user_archives,
  x0313_8_1_privacy,
  x0352_4_2_indicating,
  x0352_5_business_rules,
  x0352_5_1_in_order,
  x0352_6_security,
  x0368_3_c2s_direct_tls,
  x0368_3_s2s_direct_tls,
];
