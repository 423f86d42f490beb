package converge.rules.terraform.azure_aks_auto_upgrade_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_aks_auto_upgrade_disabled as rule

providers(major) := {"azurerm": {"constraint": "x", "locked": null, "major": major}}

test_missing_and_none_are_reported_with_the_name_in_use if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {},
		"b": {"automatic_channel_upgrade": "none"},
		"c": {"automatic_upgrade_channel": "none"},
	}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_kubernetes_cluster", "a", "automatic_upgrade_channel"], "unpinned"],
		[["resource", "azurerm_kubernetes_cluster", "b", "automatic_channel_upgrade"], "unpinned"],
		[["resource", "azurerm_kubernetes_cluster", "c", "automatic_upgrade_channel"], "unpinned"],
	}
}

test_missing_on_azurerm_3_uses_the_old_name if {
	doc := {
		"resource": {"azurerm_kubernetes_cluster": {"a": {}}},
		"__converge": {"providers": providers(3)},
	}
	some f in rule.findings with input as doc
	f.route == ["resource", "azurerm_kubernetes_cluster", "a", "automatic_channel_upgrade"]
}

test_pinned_patch_versions_are_flagged if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"kubernetes_version": "1.29.2"},
		"b": {"default_node_pool": [{"orchestrator_version": "1.29.2"}]},
		"c": {"kubernetes_version": "1.29"},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "pinned_patch"], ["b", "pinned_patch"], ["c", "unpinned"]}
}

test_a_node_pool_pinned_to_a_patch_version_is_flagged if {
	clusters := {"a": {}, "b": {}}
	pools := {
		"user": {"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.a.id}", "orchestrator_version": "1.29.2"},
		"other": {"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.b.id}", "orchestrator_version": "1.29"},
	}
	doc := {
		"resource": {"azurerm_kubernetes_cluster": clusters},
		"__converge": {"module": {"resource": {"azurerm_kubernetes_cluster": clusters, "azurerm_kubernetes_cluster_node_pool": pools}}},
	}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "pinned_patch"], ["b", "unpinned"]}
}

test_channels_and_variables_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"automatic_channel_upgrade": "patch"},
		"b": {"automatic_upgrade_channel": "stable"},
		"c": {"automatic_upgrade_channel": "${var.channel}"},
		"d": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
