"""The counterfeit-patent penalty case (假冒专利行政处罚, §A.12): values <- states and aggregate <- steps."""
