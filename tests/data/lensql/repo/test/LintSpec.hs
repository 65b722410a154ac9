module LintSpec (spec) where

import Test.Hspec
import Lensql.Lint

opts :: LintOptions
opts = LintOptions { optWerror = False, optDisabled = [] }

spec :: Spec
spec = describe "Lensql.Lint" $ do
  it "warns on select *" $
    map wRule (lintFile opts "q.sql" "select * from users") `shouldBe` ["select-star"]

  it "warns on delete without where" $
    map wRule (lintFile opts "q.sql" "delete from users") `shouldBe` ["missing-where-on-delete"]

  it "accepts DELETE ... USING ... WHERE" $
    lintFile opts "q.sql" "delete from a using b where a.b_id = b.id" `shouldBe` []

  it "honours a disable comment" $
    lintFile opts "q.sql" "-- lensql-lint: disable=select-star\nselect * from t" `shouldBe` []

  it "formats warnings" $
    formatWarning (Warning "q.sql" 4 1 "select-star" "avoid SELECT *")
      `shouldBe` "q.sql:4:1: warning: [select-star] avoid SELECT *"
